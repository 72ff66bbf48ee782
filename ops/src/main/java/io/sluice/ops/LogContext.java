package io.sluice.ops;

import org.slf4j.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * The ids a log line is about, as SLF4J MDC entries under the same keys in every service, so that a JSON log
 * line ({@code SLUICE_LOG_FORMAT=json}) can be filtered by dataset, table, chunk or run. Opened around a unit of
 * work on the thread doing it; {@link #close()} puts back what was there before (units nest).
 */
public final class LogContext
        implements AutoCloseable
{
    public static final String DATASET = "dataset";
    public static final String TABLE = "table";
    /** A chunk or sub-chunk: {@code part/parts} with {@code .subChunk} where it applies. */
    public static final String CHUNK = "chunk";
    public static final String RUN = "run";
    /** A lander batch: {@code topic/partition@firstOffset}. */
    public static final String BATCH = "batch";

    private final Map<String, String> previous = new HashMap<>();

    private LogContext() {}

    public static LogContext open()
    {
        return new LogContext();
    }

    /** Sets {@code key} for this context; the value before it comes back on {@link #close()}. */
    public LogContext with(String key, Object value)
    {
        if (!previous.containsKey(key)) {
            previous.put(key, MDC.get(key));
        }
        MDC.put(key, String.valueOf(value));
        return this;
    }

    @Override
    public void close()
    {
        previous.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            }
            else {
                MDC.put(key, value);
            }
        });
    }
}
