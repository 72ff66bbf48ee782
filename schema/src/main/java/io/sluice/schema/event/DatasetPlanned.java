package io.sluice.schema.event;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A generator is about to produce a dataset: which tables it has and in how many parts each table is cut
 * (the same for every table). It is what lets the completion tracker know when a dataset is whole. Every
 * generator process of a dataset (one per part range) emits the same event, so consumers treat repeats
 * with the same tables and parts as one; {@code runId} and {@code plannedAtMs} may differ between repeats and are not
 * part of that identity. {@code runId} is the {@code GenerateDataset} command's that started this generator (empty
 * for one started otherwise, e.g. {@code sluice run}), so whoever sent the command can tell its own start from
 * another's.
 */
public record DatasetPlanned(
        DatasetId dataset,
        Benchmark benchmark,
        ScaleFactor scaleFactor,
        List<String> tables,
        int parts,
        Optional<String> runId,
        long plannedAtMs)
        implements PipelineEvent
{
    public DatasetPlanned
    {
        requireNonNull(dataset, "dataset is null");
        if (dataset.benchmark() != benchmark || !dataset.scaleFactor().equals(scaleFactor)) {
            throw new IllegalArgumentException("benchmark %s and scale factor %s do not match dataset %s".formatted(benchmark, scaleFactor, dataset));
        }
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("tables is empty");
        }
        tables.forEach(dataset.benchmark()::checkTable);
        if (new HashSet<>(tables).size() != tables.size()) {
            throw new IllegalArgumentException("tables has duplicates: " + tables);
        }
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        }
        requireNonNull(runId, "runId is null");
    }

    public DatasetPlanned(DatasetId dataset, List<String> tables, int parts, Optional<String> runId, long plannedAtMs)
    {
        this(dataset, dataset.benchmark(), dataset.scaleFactor(), tables, parts, runId, plannedAtMs);
    }

    /**
     * Whether {@code other} plans the same dataset the same way (only the run id and the time may differ).
     */
    public boolean samePlanAs(DatasetPlanned other)
    {
        return dataset.equals(other.dataset) && parts == other.parts && new HashSet<>(tables).equals(new HashSet<>(other.tables));
    }

    @Override
    public String key()
    {
        return dataset.toString();
    }
}
