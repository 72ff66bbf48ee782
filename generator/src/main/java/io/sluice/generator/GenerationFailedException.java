package io.sluice.generator;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkRef;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A generator run stopped; the message says where and why in one line. Sub-chunks committed before stay
 * committed, and a rerun with the same settings carries on after them.
 */
public final class GenerationFailedException
        extends RuntimeException
{
    private final DatasetId dataset;
    private final Optional<String> table;
    private final Optional<ChunkRef> chunk;

    public GenerationFailedException(DatasetId dataset, Optional<String> table, Optional<ChunkRef> chunk, String reason, Throwable cause)
    {
        super(describe(dataset, table, chunk) + ": " + reason, cause);
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.table = requireNonNull(table, "table is null");
        this.chunk = requireNonNull(chunk, "chunk is null");
    }

    public DatasetId dataset()
    {
        return dataset;
    }

    public Optional<String> table()
    {
        return table;
    }

    public Optional<ChunkRef> chunk()
    {
        return chunk;
    }

    private static String describe(DatasetId dataset, Optional<String> table, Optional<ChunkRef> chunk)
    {
        return dataset + table.map(name -> " " + name).orElse("")
                + chunk.map(ref -> " part %d/%d sub-chunk %d".formatted(ref.part(), ref.parts(), ref.subChunk())).orElse("");
    }
}
