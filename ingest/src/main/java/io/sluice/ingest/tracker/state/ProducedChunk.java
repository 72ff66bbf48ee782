package io.sluice.ingest.tracker.state;

import static io.sluice.schema.Arguments.requireNonNegative;

/**
 * What the generator said it committed for one sub-chunk.
 */
public record ProducedChunk(long rows, long checksum, long producedAtMs)
{
    public ProducedChunk
    {
        requireNonNegative(rows, "rows");
    }
}
