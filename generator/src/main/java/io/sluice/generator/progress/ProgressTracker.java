package io.sluice.generator.progress;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.generator.plan.DatasetPlan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Counts a run's rows and sub-chunks and tells the listener, at most about once a second between
 * sub-chunks. Single-threaded, like the run.
 */
public final class ProgressTracker
{
    private static final long REPORT_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final DatasetPlan plan;
    private final ProgressListener listener;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private final Map<String, Counts> tables = new LinkedHashMap<>();
    private long lastReportNanos;
    private boolean sending;
    private long firstRowNanos;
    private long bytes;

    public ProgressTracker(DatasetPlan plan, ProgressListener listener)
    {
        this(plan, listener, System::nanoTime);
    }

    ProgressTracker(DatasetPlan plan, ProgressListener listener, LongSupplier nanoTime)
    {
        this.plan = requireNonNull(plan, "plan is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.startNanos = nanoTime.getAsLong();
        this.lastReportNanos = startNanos;
        for (String table : plan.tables()) {
            Counts counts = new Counts();
            for (ChunkPlan chunk : plan.chunksOf(table)) {
                counts.estimatedRows += chunk.estimatedRows();
                counts.subChunks += chunk.subChunks();
            }
            tables.put(table, counts);
        }
    }

    /**
     * A row was sent; reports if a second has passed, checking the clock every 4096 rows only.
     */
    public void rowSent(String table, int payloadBytes)
    {
        if (!sending) {
            sending = true;
            firstRowNanos = nanoTime.getAsLong();
        }
        Counts counts = tables.get(table);
        counts.rows++;
        bytes += payloadBytes;
        if ((counts.rows & 4095) == 0 && nanoTime.getAsLong() - lastReportNanos >= REPORT_INTERVAL_NANOS) {
            report();
        }
    }

    public void subChunkCommitted(String table)
    {
        tables.get(table).committed++;
        report();
    }

    public void subChunkSkipped(String table, long rows)
    {
        Counts counts = tables.get(table);
        counts.skipped++;
        counts.skippedRows += rows;
        report();
    }

    /**
     * A sub-chunk was aborted: its rows were sent but will never be visible.
     */
    public void subChunkAborted(String table, long rowsSent, long bytesSent)
    {
        tables.get(table).rows -= rowsSent;
        bytes -= bytesSent;
    }

    public GenerationProgress snapshot()
    {
        long now = nanoTime.getAsLong();
        Duration elapsed = Duration.ofNanos(now - startNanos);
        long rows = 0;
        long estimated = 0;
        long skippedRows = 0;
        boolean done = true;
        List<TableProgress> tableProgress = new ArrayList<>();
        for (var entry : tables.entrySet()) {
            Counts counts = entry.getValue();
            boolean tableDone = counts.committed + counts.skipped == counts.subChunks;
            // once a table is done its rows are known, so the total stops being an estimate for it
            long tableEstimate = tableDone ? counts.rows + counts.skippedRows : counts.estimatedRows;
            TableProgress progress = new TableProgress(entry.getKey(), counts.rows, tableEstimate, counts.committed, counts.skipped, counts.subChunks);
            tableProgress.add(progress);
            rows += counts.rows;
            estimated += tableEstimate;
            skippedRows += counts.skippedRows;
            done &= progress.done();
        }
        // from the first row: starting the producer and finding what an earlier run committed take seconds before
        // it, which would make the first reports' rate far too low and their ETA far too long
        double seconds = sending ? (now - firstRowNanos) / 1e9 : 0;
        double rate = seconds > 0 ? rows / seconds : 0;
        long remaining = Math.max(0, estimated - skippedRows - rows);
        Optional<Duration> eta = done
                ? Optional.of(Duration.ZERO)
                : rate > 0 ? Optional.of(Duration.ofMillis((long) (remaining / rate * 1000))) : Optional.empty();
        return new GenerationProgress(plan.dataset(), tableProgress, rows, skippedRows, estimated, bytes, elapsed, rate, eta, done);
    }

    private void report()
    {
        lastReportNanos = nanoTime.getAsLong();
        listener.onProgress(snapshot());
    }

    private static final class Counts
    {
        long rows;
        long skippedRows;
        long estimatedRows;
        int subChunks;
        int committed;
        int skipped;
    }
}
