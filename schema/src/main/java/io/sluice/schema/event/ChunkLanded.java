package io.sluice.schema.event;

import io.sluice.schema.dataset.DatasetId;

import java.util.List;

import static io.sluice.schema.Arguments.checkIndex;
import static io.sluice.schema.Arguments.requireNonNegative;
import static java.util.Objects.requireNonNull;

/**
 * A lander made one sub-chunk durable in its sink. {@code rows} and {@code checksum} are recomputed from
 * what was landed; {@code objects} lists what was written (Parquet object keys, or ClickHouse insert
 * deduplication tokens) and {@code bytes} their size.
 */
public record ChunkLanded(
        DatasetId dataset,
        String table,
        int part,
        int parts,
        int subChunk,
        int subChunks,
        Sink sink,
        long rows,
        long checksum,
        List<String> objects,
        long bytes,
        long landedAtMs)
        implements PipelineEvent
{
    public ChunkLanded
    {
        requireNonNull(dataset, "dataset is null");
        dataset.benchmark().checkTable(table);
        checkIndex(part, parts, "part", "parts");
        checkIndex(subChunk, subChunks, "subChunk", "subChunks");
        requireNonNull(sink, "sink is null");
        requireNonNegative(rows, "rows");
        objects = List.copyOf(objects);
        requireNonNegative(bytes, "bytes");
    }

    @Override
    public String key()
    {
        return dataset.toString();
    }
}
