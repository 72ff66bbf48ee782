package io.sluice.ingest.tracker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.schema.event.Sink;

import java.util.Set;

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

    /**
     * @param sinks the sinks the tracker decides: their dataset outcome series start at 0, so that Prometheus'
     * {@code increase()} (the chart's {@code SluiceDatasetFailed} alert) sees the first failure; a series born at 1
     * shows no increase
     */
    public TrackerMetrics(MeterRegistry registry, Set<Sink> sinks)
    {
        this.registry = requireNonNull(registry, "registry is null");
        requireNonNull(sinks, "sinks is null").forEach(sink -> {
            outcome("sluice_tracker_datasets_ready_total", sink);
            outcome("sluice_tracker_datasets_failed_total", sink);
        });
    }

    private Counter outcome(String name, Sink sink)
    {
        return Counter.builder(name).tag("sink", sink.label()).register(registry);
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
        outcome("sluice_tracker_datasets_ready_total", sink).increment();
    }

    void datasetFailed(Sink sink)
    {
        outcome("sluice_tracker_datasets_failed_total", sink).increment();
    }
}
