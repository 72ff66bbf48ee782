package io.sluice.ingest.tracker.state;

import io.sluice.schema.event.Sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the tracker knows of one sub-chunk: its {@code ChunkProduced}, the {@code ChunkLanded} of each sink so
 * far, and the wall-clock deadline by which the missing sinks must land it (0 = none pending).
 */
public record ChunkState(Optional<ProducedChunk> produced, List<LandedChunk> landed, long deadlineMs)
{
    public static final ChunkState EMPTY = new ChunkState(Optional.empty(), List.of(), 0);

    public ChunkState
    {
        requireNonNull(produced, "produced is null");
        landed = List.copyOf(landed);
    }

    public Optional<LandedChunk> landed(Sink sink)
    {
        return landed.stream().filter(chunk -> chunk.sink() == sink).findFirst();
    }

    public ChunkState withProduced(ProducedChunk chunk)
    {
        return new ChunkState(Optional.of(chunk), landed, deadlineMs);
    }

    /** Adds or replaces the sink's landing. */
    public ChunkState withLanded(LandedChunk chunk)
    {
        List<LandedChunk> updated = new ArrayList<>(landed.stream().filter(existing -> existing.sink() != chunk.sink()).toList());
        updated.add(chunk);
        return new ChunkState(produced, updated, deadlineMs);
    }

    public ChunkState withDeadline(long deadline)
    {
        return new ChunkState(produced, landed, deadline);
    }
}
