package io.sluice.schema.event;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;

import static io.sluice.schema.Arguments.checkIndex;
import static io.sluice.schema.Arguments.requireNonNegative;
import static java.util.Objects.requireNonNull;

/**
 * The generator committed one sub-chunk of rows to the table's row topic, in the same transaction as this
 * event. A chunk is (dataset, table, part, parts); it is split into {@code subChunks} atomic sub-chunks
 * (1-based {@code subChunk}), each its own transaction. {@code checksum} is the {@code ChunkChecksum} of the
 * sub-chunk's rows.
 */
public record ChunkProduced(
        DatasetId dataset,
        Benchmark benchmark,
        ScaleFactor scaleFactor,
        String table,
        int part,
        int parts,
        int subChunk,
        int subChunks,
        long rows,
        long checksum,
        long producedAtMs)
        implements PipelineEvent
{
    public ChunkProduced
    {
        requireNonNull(dataset, "dataset is null");
        if (dataset.benchmark() != benchmark || !dataset.scaleFactor().equals(scaleFactor)) {
            throw new IllegalArgumentException("benchmark %s and scale factor %s do not match dataset %s".formatted(benchmark, scaleFactor, dataset));
        }
        dataset.benchmark().checkTable(table);
        checkIndex(part, parts, "part", "parts");
        checkIndex(subChunk, subChunks, "subChunk", "subChunks");
        requireNonNegative(rows, "rows");
    }

    public ChunkProduced(DatasetId dataset, String table, int part, int parts, int subChunk, int subChunks, long rows, long checksum, long producedAtMs)
    {
        this(dataset, dataset.benchmark(), dataset.scaleFactor(), table, part, parts, subChunk, subChunks, rows, checksum, producedAtMs);
    }

    @Override
    public String key()
    {
        return dataset.toString();
    }
}
