package io.sluice.generator.plan;

import io.sluice.schema.dataset.DatasetId;

import static io.sluice.schema.Arguments.checkIndex;
import static java.util.Objects.requireNonNull;

/**
 * One chunk (table, part of parts) and how it is cut: sub-chunk {@code k} (1-based) holds the part's units
 * {@code (k-1)·unitsPerSubChunk .. k·unitsPerSubChunk - 1}, counted from the part's first unit. A part
 * without units still has one (empty) sub-chunk, so every part announces itself.
 */
public record ChunkPlan(DatasetId dataset, TableShape shape, int part, int parts, UnitRange units, long unitsPerSubChunk, int subChunks)
{
    public ChunkPlan
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(shape, "shape is null");
        checkIndex(part, parts, "part", "parts");
        requireNonNull(units, "units is null");
        if (unitsPerSubChunk < 1) {
            throw new IllegalArgumentException("unitsPerSubChunk must be >= 1, got " + unitsPerSubChunk);
        }
        if (subChunks != Math.max(1, Math.ceilDiv(units.count(), unitsPerSubChunk))) {
            throw new IllegalArgumentException("%d sub-chunks do not cover %d units by %d".formatted(subChunks, units.count(), unitsPerSubChunk));
        }
    }

    public static ChunkPlan of(DatasetId dataset, TableShape shape, int part, int parts, int subChunkRows)
    {
        UnitRange units = shape.unitsOf(dataset.scaleFactor(), part, parts);
        long unitsPerSubChunk = Math.max(1, subChunkRows / shape.maxRowsPerUnit());
        int subChunks = Math.toIntExact(Math.max(1, Math.ceilDiv(units.count(), unitsPerSubChunk)));
        return new ChunkPlan(dataset, shape, part, parts, units, unitsPerSubChunk, subChunks);
    }

    public String table()
    {
        return shape.table();
    }

    /**
     * The sub-chunk (1-based) of the unit with this 0-based index within the part.
     */
    public int subChunkOf(long unitIndex)
    {
        if (unitIndex < 0 || unitIndex >= Math.max(1, units.count())) {
            throw new IllegalStateException("%s part %d/%d: unit %d is outside the part's %d units; the generator library split the work differently than planned"
                    .formatted(table(), part, parts, unitIndex, units.count()));
        }
        return Math.toIntExact(unitIndex / unitsPerSubChunk) + 1;
    }

    public long estimatedRows()
    {
        return Math.round(units.count() * shape.averageRowsPerUnit());
    }
}
