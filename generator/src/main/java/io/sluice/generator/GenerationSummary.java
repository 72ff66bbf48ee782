package io.sluice.generator;

import io.sluice.schema.dataset.DatasetId;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a generator run did. Rows and bytes count only sub-chunks committed by this run; sub-chunks an
 * earlier run had committed are counted as skipped.
 */
public record GenerationSummary(DatasetId dataset, List<TableSummary> tables, Duration elapsed)
{
    public GenerationSummary
    {
        requireNonNull(dataset, "dataset is null");
        tables = List.copyOf(tables);
        requireNonNull(elapsed, "elapsed is null");
    }

    public record TableSummary(String table, String topic, int partitions, long rows, long bytes, int subChunksCommitted, int subChunksSkipped) {}

    public long rows()
    {
        return tables.stream().mapToLong(TableSummary::rows).sum();
    }

    public long bytes()
    {
        return tables.stream().mapToLong(TableSummary::bytes).sum();
    }

    public int subChunksCommitted()
    {
        return tables.stream().mapToInt(TableSummary::subChunksCommitted).sum();
    }

    public int subChunksSkipped()
    {
        return tables.stream().mapToInt(TableSummary::subChunksSkipped).sum();
    }

    public double rowsPerSecond()
    {
        return elapsed.isZero() ? 0 : rows() / (elapsed.toNanos() / 1e9);
    }

    @Override
    public String toString()
    {
        return "%s: %,d rows (%,.1f MB) in %,d sub-chunks (%d already there) in %.1f s, %,.0f rows/s".formatted(
                dataset, rows(), bytes() / 1e6, subChunksCommitted(), subChunksSkipped(), elapsed.toMillis() / 1000.0, rowsPerSecond());
    }
}
