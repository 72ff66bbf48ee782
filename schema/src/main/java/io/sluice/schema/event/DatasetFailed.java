package io.sluice.schema.event;

import io.sluice.schema.dataset.DatasetId;

import java.util.Optional;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * A dataset cannot become ready: e.g. a landed chunk's rows or checksum differ from what was produced,
 * or a generator or lander gave up. {@code sink}, {@code table} and {@code chunk} narrow down where, when known.
 */
public record DatasetFailed(
        DatasetId dataset,
        Optional<Sink> sink,
        Optional<String> table,
        Optional<ChunkRef> chunk,
        String reason,
        long failedAtMs)
        implements PipelineEvent
{
    public DatasetFailed
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(sink, "sink is null");
        requireNonNull(table, "table is null");
        table.ifPresent(dataset.benchmark()::checkTable);
        requireNonNull(chunk, "chunk is null");
        requireText(reason, "reason");
    }

    @Override
    public String key()
    {
        return dataset.toString();
    }
}
