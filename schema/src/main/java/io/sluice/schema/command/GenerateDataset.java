package io.sluice.schema.command;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;

import java.util.List;
import java.util.Optional;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * Generate a dataset split into {@code parts} chunks per table. {@code partRange} limits this command to
 * some of the parts (so several generators can share a dataset); {@code tables} limits it to some tables,
 * empty meaning all of the benchmark's tables.
 */
public record GenerateDataset(
        String runId,
        Benchmark benchmark,
        ScaleFactor scaleFactor,
        int parts,
        Optional<PartRange> partRange,
        List<String> tables)
        implements Command
{
    public GenerateDataset
    {
        requireText(runId, "runId");
        requireNonNull(benchmark, "benchmark is null");
        benchmark.checkScaleFactor(scaleFactor);
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        }
        requireNonNull(partRange, "partRange is null");
        partRange.ifPresent(range -> {
            if (range.last() > parts) {
                throw new IllegalArgumentException("part range %d..%d exceeds parts (%d)".formatted(range.first(), range.last(), parts));
            }
        });
        tables = List.copyOf(tables);
        tables.forEach(benchmark::checkTable);
    }

    public DatasetId dataset()
    {
        return new DatasetId(benchmark, scaleFactor);
    }

    /**
     * The tables to generate: {@link #tables()}, or all of the benchmark's if that is empty.
     */
    public List<String> selectedTables()
    {
        return tables.isEmpty() ? benchmark.tables() : tables;
    }

    /**
     * The parts to generate: {@link #partRange()}, or all of {@code 1..parts}.
     */
    public PartRange selectedParts()
    {
        return partRange.orElse(new PartRange(1, parts));
    }
}
