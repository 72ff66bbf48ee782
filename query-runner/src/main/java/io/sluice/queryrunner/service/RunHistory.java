package io.sluice.queryrunner.service;

import io.sluice.schema.event.BenchmarkFinished;
import io.sluice.schema.event.BenchmarkStarted;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The runs {@code sluice.events} tells of: how often each started, which finished, and which injected a fault. A
 * query runner that starts again learns from it which of the runs it reads again it already finished, which a stop
 * cut short, and which faults it must not inject a second time.
 */
final class RunHistory
{
    private final Map<String, Integer> starts = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Set<String> injected = new HashSet<>();

    void add(PipelineEvent event)
    {
        requireNonNull(event, "event is null");
        switch (event) {
            case BenchmarkStarted started -> starts.merge(started.runId(), 1, Integer::sum);
            case BenchmarkFinished done -> finished.add(done.runId());
            case FaultInjected fault -> injected.add(fault.runId());
            default -> { }
        }
    }

    int starts(String runId)
    {
        return starts.getOrDefault(runId, 0);
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
