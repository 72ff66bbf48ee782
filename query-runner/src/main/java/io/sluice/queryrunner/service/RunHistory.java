package io.sluice.queryrunner.service;

import io.sluice.schema.event.BenchmarkFinished;
import io.sluice.schema.event.BenchmarkStarted;
import io.sluice.schema.event.BenchmarkStopped;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The runs {@code sluice.events} tells of: how often each started and was stopped in order, which finished, and which
 * injected a fault. A query runner that starts again learns from it which of the runs it reads again it already
 * finished, which a stop cut short, which ended with their query runner each time, and which faults it must not inject
 * a second time.
 */
final class RunHistory
{
    private final Map<String, Integer> starts = new HashMap<>();
    private final Map<String, Integer> stops = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> injected = new HashSet<>();

    void add(PipelineEvent event)
    {
        requireNonNull(event, "event is null");
        switch (event) {
            case BenchmarkStarted started -> starts.merge(started.runId(), 1, Integer::sum);
            case BenchmarkFinished done -> finished.add(done.runId());
            case BenchmarkStopped stopped -> stops.merge(stopped.runId(), 1, Integer::sum);
            case FaultInjected fault -> injected.add(fault.runId());
            default -> { }
        }
    }

    int starts(String runId)
    {
        return starts.getOrDefault(runId, 0);
    }

    /**
     * The starts of {@code runId} that ended with their query runner (killed, out of memory, a crash): neither finished
     * nor cut short by an orderly stop.
     */
    int lostStarts(String runId)
    {
        return Math.max(0, starts(runId) - stops.getOrDefault(runId, 0));
    }

    boolean finished(String runId)
    {
        return finished.contains(runId);
    }

    boolean injected(String runId)
    {
        return injected.contains(runId);
    }
}
