package io.sluice.schema.event;

import io.sluice.schema.dataset.DatasetId;

import static io.sluice.schema.Arguments.requireNonNegative;
import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * A benchmark run was cut short by an orderly stop of its query runner (a pod replaced, Ctrl-C) after
 * {@code executions} executions; the group's next query runner runs it again under the same id. A run that started
 * without a {@code BenchmarkFinished} or this event after it ended with its query runner (killed, out of memory).
 */
public record BenchmarkStopped(String runId, DatasetId dataset, int executions, long stoppedAtMs)
        implements PipelineEvent
{
    public BenchmarkStopped
    {
        requireText(runId, "runId");
        requireNonNull(dataset, "dataset is null");
        requireNonNegative(executions, "executions");
    }

    @Override
    public String key()
    {
        return runId;
    }
}
