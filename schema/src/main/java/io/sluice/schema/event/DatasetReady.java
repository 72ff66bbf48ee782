package io.sluice.schema.event;

import io.sluice.schema.dataset.DatasetId;

import java.util.List;

import static io.sluice.schema.Arguments.requireNonNegative;
import static java.util.Objects.requireNonNull;

/**
 * Every requested table of a dataset is ready in a sink. {@code durationMs} runs from the first
 * {@code ChunkProduced} to the last {@code ChunkLanded}.
 */
public record DatasetReady(
        DatasetId dataset,
        Sink sink,
        List<String> tables,
        long rows,
        long bytes,
        long objects,
        long durationMs)
        implements PipelineEvent
{
    public DatasetReady
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(sink, "sink is null");
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("tables is empty");
        }
        tables.forEach(dataset.benchmark()::checkTable);
        requireNonNegative(rows, "rows");
        requireNonNegative(bytes, "bytes");
        requireNonNegative(objects, "objects");
        requireNonNegative(durationMs, "durationMs");
    }

    @Override
    public String key()
    {
        return dataset.toString();
    }
}
