package io.sluice.generator.progress;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Logs progress as one line at most every {@code interval}, and the final state: for pods and for output
 * that is not a terminal.
 */
public final class LoggingProgressListener
        implements ProgressListener
{
    private static final Logger log = LoggerFactory.getLogger(LoggingProgressListener.class);

    private final long intervalNanos;
    private long lastNanos;

    public LoggingProgressListener(Duration interval)
    {
        this.intervalNanos = interval.toNanos();
        this.lastNanos = System.nanoTime();
    }

    @Override
    public void onProgress(GenerationProgress progress)
    {
        long now = System.nanoTime();
        if (!progress.done() && now - lastNanos < intervalNanos) {
            return;
        }
        lastNanos = now;
        log.info(format(progress));
    }

    public static String format(GenerationProgress progress)
    {
        int subChunks = progress.tables().stream().mapToInt(TableProgress::subChunks).sum();
        int finished = progress.tables().stream().mapToInt(table -> table.subChunksCommitted() + table.subChunksSkipped()).sum();
        String skipped = progress.skippedRows() == 0 ? "" : " (+%,d already in Kafka)".formatted(progress.skippedRows());
        return "%s: %5.1f%% %,d rows%s, %,.0f rows/s, %d/%d sub-chunks, %s".formatted(
                progress.dataset(), progress.fraction() * 100, progress.rows(), skipped, progress.rowsPerSecond(), finished, subChunks,
                progress.done() ? "done in " + seconds(progress.elapsed()) : progress.eta().map(eta -> "ETA " + seconds(eta)).orElse("ETA unknown"));
    }

    private static String seconds(Duration duration)
    {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }
}
