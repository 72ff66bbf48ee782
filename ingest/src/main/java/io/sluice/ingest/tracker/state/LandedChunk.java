package io.sluice.ingest.tracker.state;

import io.sluice.schema.event.Sink;

import java.util.List;

import static io.sluice.schema.Arguments.requireNonNegative;
import static java.util.Objects.requireNonNull;

/**
 * What one sink said it landed for one sub-chunk; {@code compared} once it was checked against what was produced.
 */
public record LandedChunk(Sink sink, long rows, long checksum, long bytes, List<String> objects, long landedAtMs, boolean compared)
{
    public LandedChunk
    {
        requireNonNull(sink, "sink is null");
        requireNonNegative(rows, "rows");
        requireNonNegative(bytes, "bytes");
        objects = List.copyOf(objects);
    }

    public LandedChunk asCompared()
    {
        return new LandedChunk(sink, rows, checksum, bytes, objects, landedAtMs, true);
    }
}
