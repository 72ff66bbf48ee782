package io.sluice.ingest.tracker.state;

import io.sluice.schema.event.Sink;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of a dataset: its part count (0 until an event names it), how many of its parts announced their
 * sub-chunk count and the sum of those counts, the earliest {@code producedAtMs}, and the progress per sink.
 * The table is whole in a sink once every part is known and every known sub-chunk matched.
 */
public record TableState(int parts, int partsSeen, long subChunks, long firstProducedAtMs, List<SinkProgress> sinks)
{
    public static final TableState EMPTY = new TableState(0, 0, 0, Long.MAX_VALUE, List.of());

    public TableState
    {
        sinks = List.copyOf(sinks);
    }

    public SinkProgress progress(Sink sink)
    {
        return sinks.stream().filter(progress -> progress.sink() == sink).findFirst().orElseGet(() -> SinkProgress.none(sink));
    }

    public boolean complete(Sink sink)
    {
        return parts > 0 && partsSeen == parts && progress(sink).matched() == subChunks;
    }

    public TableState withPart(int parts, int partSubChunks)
    {
        return new TableState(parts, partsSeen + 1, subChunks + partSubChunks, firstProducedAtMs, sinks);
    }

    public TableState withProducedAt(long producedAtMs)
    {
        return new TableState(parts, partsSeen, subChunks, Math.min(firstProducedAtMs, producedAtMs), sinks);
    }

    public TableState with(SinkProgress progress)
    {
        List<SinkProgress> updated = new ArrayList<>(sinks.stream().filter(existing -> existing.sink() != progress.sink()).toList());
        updated.add(progress);
        return new TableState(parts, partsSeen, subChunks, firstProducedAtMs, updated);
    }
}
