package io.sluice.queryrunner.service;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.Sink;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The sinks each dataset is ready in, from the {@code DatasetReady} events in the order they were read, and the event
 * that makes a dataset ready in every required sink: a dataset's runs are triggered once, by that event.
 */
final class ReadyDatasets
{
    private final Set<Sink> required;
    private final Map<DatasetId, Set<Sink>> sinks = new HashMap<>();
    private final Set<DatasetId> complete = new HashSet<>();

    ReadyDatasets(Set<Sink> required)
    {
        requireNonNull(required, "required is null");
        if (required.isEmpty()) {
            throw new IllegalArgumentException("no required sinks");
        }
        this.required = Set.copyOf(required);
    }

    /**
     * @return the sinks the dataset is ready in (in the enum's order), if this event is the first to make it ready in
     * every required sink
     */
    Optional<Set<Sink>> add(DatasetReady ready)
    {
        Set<Sink> readyIn = sinks.computeIfAbsent(ready.dataset(), _ -> EnumSet.noneOf(Sink.class));
        readyIn.add(ready.sink());
        if (readyIn.containsAll(required) && complete.add(ready.dataset())) {
            return Optional.of(Collections.unmodifiableSet(EnumSet.copyOf(readyIn)));
        }
        return Optional.empty();
    }
}
