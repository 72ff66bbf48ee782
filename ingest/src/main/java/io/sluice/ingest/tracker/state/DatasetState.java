package io.sluice.ingest.tracker.state;

import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.Sink;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One dataset: its plan once announced, and the sinks for which {@code DatasetReady} or {@code DatasetFailed}
 * was emitted (each at most once per sink).
 */
public record DatasetState(Optional<DatasetPlanned> plan, List<Sink> ready, List<Sink> failed)
{
    public static final DatasetState EMPTY = new DatasetState(Optional.empty(), List.of(), List.of());

    public DatasetState
    {
        requireNonNull(plan, "plan is null");
        ready = List.copyOf(ready);
        failed = List.copyOf(failed);
    }

    /** Whether the sink's outcome (ready or failed) was emitted. */
    public boolean decided(Sink sink)
    {
        return ready.contains(sink) || failed.contains(sink);
    }

    public DatasetState withPlan(DatasetPlanned planned)
    {
        return new DatasetState(Optional.of(planned), ready, failed);
    }

    public DatasetState withReady(Sink sink)
    {
        return new DatasetState(plan, Stream.concat(ready.stream(), Stream.of(sink)).toList(), failed);
    }

    public DatasetState withFailed(Sink sink)
    {
        return new DatasetState(plan, ready, Stream.concat(failed.stream(), Stream.of(sink)).toList());
    }
}
