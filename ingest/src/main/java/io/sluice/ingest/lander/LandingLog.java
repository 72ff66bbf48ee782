package io.sluice.ingest.lander;

import io.sluice.ops.LogInterval;
import io.sluice.schema.event.Sink;

import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * What a lander has landed, as a log line at most once per interval while it lands: at a large scale factor a
 * lander works for hours, and between "assigned" and the tracker's {@code DatasetReady} its log would say nothing.
 * Told of every committed batch by the lander's single loop thread.
 */
final class LandingLog
{
    private final Sink sink;
    private final LogInterval interval;
    private final Consumer<String> log;
    private long rows;
    private long batches;
    private long subChunks;

    LandingLog(Sink sink, LogInterval interval, Consumer<String> log)
    {
        this.sink = requireNonNull(sink, "sink is null");
        this.interval = requireNonNull(interval, "interval is null");
        this.log = requireNonNull(log, "log is null");
    }

    /**
     * @param partition where the batch came from ({@code tpch.sf1.lineitem-3})
     * @param subChunksLanded the sub-chunks whose end the batch held
     */
    void batchLanded(String partition, long batchRows, int subChunksLanded)
    {
        rows += batchRows;
        batches++;
        subChunks += subChunksLanded;
        if (interval.due()) {
            log.accept("%s lander: %,d rows in %s (%s) landed since it started; last batch: %,d rows of %s"
                    .formatted(sink, rows, count(batches, "batch", "batches"), count(subChunks, "sub-chunk", "sub-chunks"), batchRows, partition));
        }
    }

    private static String count(long count, String one, String many)
    {
        return "%,d %s".formatted(count, count == 1 ? one : many);
    }
}
