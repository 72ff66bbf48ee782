package io.sluice.schema.event;

import static io.sluice.schema.Arguments.checkIndex;

/**
 * One sub-chunk of a table: 1-based {@code part} of {@code parts}, 1-based {@code subChunk} within the part.
 */
public record ChunkRef(int part, int parts, int subChunk)
{
    public ChunkRef
    {
        checkIndex(part, parts, "part", "parts");
        if (subChunk < 1) {
            throw new IllegalArgumentException("subChunk must be >= 1, got " + subChunk);
        }
    }
}
