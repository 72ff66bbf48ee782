package io.sluice.queryrunner.run;

import io.sluice.schema.result.Engine;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What {@code results.json} holds: the run, its plan's shape, and every execution.
 */
public record RunRecord(
        String runId,
        String plan,
        String dataset,
        List<Engine> engines,
        List<String> queries,
        int warmups,
        int runs,
        int concurrency,
        long timeoutMs,
        long startedAtMs,
        long finishedAtMs,
        List<Execution> executions)
{
    public RunRecord
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(dataset, "dataset is null");
        engines = List.copyOf(engines);
        queries = List.copyOf(queries);
        executions = List.copyOf(executions);
    }

    public long failures()
    {
        return executions.stream().filter(execution -> execution.status() != ExecutionStatus.OK).count();
    }
}
