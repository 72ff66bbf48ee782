package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;

import java.util.Iterator;

import static java.util.Objects.requireNonNull;

/**
 * The cursor both benchmarks share over a TPC library's row iterator: each row's unit index (which the
 * benchmark derives) gives its sub-chunk.
 *
 * @param <R> what the library yields per row
 */
abstract class LibraryChunkRows<R>
        implements ChunkRows
{
    private final ChunkPlan chunk;
    private final Iterator<R> rows;
    private R current;
    private int subChunk = 1;

    LibraryChunkRows(ChunkPlan chunk, Iterator<R> rows)
    {
        this.chunk = requireNonNull(chunk, "chunk is null");
        this.rows = requireNonNull(rows, "rows is null");
    }

    /**
     * The 0-based index within the chunk of the unit {@code row} belongs to; called once per row, in order.
     */
    abstract long unitIndex(R row);

    @Override
    public final boolean next()
    {
        if (!rows.hasNext()) {
            current = null;
            return false;
        }
        current = rows.next();
        subChunk = chunk.subChunkOf(unitIndex(current));
        return true;
    }

    @Override
    public final int subChunk()
    {
        return subChunk;
    }

    final R current()
    {
        if (current == null) {
            throw new IllegalStateException("no current row; call next() first");
        }
        return current;
    }
}
