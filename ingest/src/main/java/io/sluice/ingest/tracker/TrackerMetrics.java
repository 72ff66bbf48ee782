package io.sluice.ingest.tracker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.schema.event.Sink;

import static java.util.Objects.requireNonNull;

/**
 * The tracker's meters: {@code sluice_tracker_events_total{type}} (events read),
 * {@code sluice_tracker_undecodable_total}, {@code sluice_tracker_tables_ready_total{sink}},
 * {@code sluice_tracker_datasets_ready_total{sink}}, {@code sluice_tracker_datasets_failed_total{sink}}.
 * After a crash, events re-read under exactly-once are counted again: the meters are rates, not ledgers.
 */
public final class TrackerMetrics
{
    private final MeterRegistry registry;

    public TrackerMetrics(MeterRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
    }

    void eventRead(String type)
    {
        Counter.builder("sluice_tracker_events_total").tag("type", type).register(registry).increment();
    }

    void undecodable()
    {
        Counter.builder("sluice_tracker_undecodable_total").register(registry).increment();
    }

    void tableReady(Sink sink)
    {
        Counter.builder("sluice_tracker_tables_ready_total").tag("sink", sink.label()).register(registry).increment();
    }

    void datasetReady(Sink sink)
    {
        Counter.builder("sluice_tracker_datasets_ready_total").tag("sink", sink.label()).register(registry).increment();
    }

    void datasetFailed(Sink sink)
    {
        Counter.builder("sluice_tracker_datasets_failed_total").tag("sink", sink.label()).register(registry).increment();
    }
}
