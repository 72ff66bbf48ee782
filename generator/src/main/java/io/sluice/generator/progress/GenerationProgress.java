package io.sluice.generator.progress;

import io.sluice.schema.dataset.DatasetId;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A snapshot of a generator run. {@code estimatedRows} is exact for all tables but TPC-H lineitem and the
 * TPC-DS fact tables, whose rows per order are random, until they are done: a done table counts the rows it
 * has. The ETA follows from it and the rate so far.
 *
 * @param rows rows this process sent
 * @param skippedRows rows of sub-chunks an earlier run committed, found in Kafka and skipped
 * @param rowsPerSecond rows sent per second since the first was sent (skipped sub-chunks do not count)
 * @param done whether every planned sub-chunk is committed or skipped
 */
public record GenerationProgress(
        DatasetId dataset,
        List<TableProgress> tables,
        long rows,
        long skippedRows,
        long estimatedRows,
        long bytes,
        Duration elapsed,
        double rowsPerSecond,
        Optional<Duration> eta,
        boolean done)
{
    public GenerationProgress
    {
        requireNonNull(dataset, "dataset is null");
        tables = List.copyOf(tables);
        requireNonNull(elapsed, "elapsed is null");
        requireNonNull(eta, "eta is null");
    }

    /**
     * The fraction done, from 0 to 1, by rows sent or found already in Kafka against the estimate.
     */
    public double fraction()
    {
        if (done) {
            return 1;
        }
        return estimatedRows == 0 ? 0 : Math.min(1, (double) (rows + skippedRows) / estimatedRows);
    }
}
