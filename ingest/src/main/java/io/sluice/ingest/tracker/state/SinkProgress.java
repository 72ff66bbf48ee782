package io.sluice.ingest.tracker.state;

import io.sluice.schema.event.Sink;

import static java.util.Objects.requireNonNull;

/**
 * One table's matched sub-chunks in one sink, and their totals.
 */
public record SinkProgress(Sink sink, long matched, long rows, long checksum, long bytes, long objects, long lastLandedAtMs, boolean ready)
{
    public SinkProgress
    {
        requireNonNull(sink, "sink is null");
    }

    public static SinkProgress none(Sink sink)
    {
        return new SinkProgress(sink, 0, 0, 0, 0, 0, 0, false);
    }

    public SinkProgress plus(LandedChunk chunk, long newObjects)
    {
        return new SinkProgress(sink, matched + 1, rows + chunk.rows(), checksum + chunk.checksum(), bytes + chunk.bytes(), objects + newObjects,
                Math.max(lastLandedAtMs, chunk.landedAtMs()), ready);
    }

    public SinkProgress asReady()
    {
        return new SinkProgress(sink, matched, rows, checksum, bytes, objects, lastLandedAtMs, true);
    }
}
