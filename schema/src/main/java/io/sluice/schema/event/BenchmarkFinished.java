package io.sluice.schema.event;

import io.sluice.schema.dataset.DatasetId;

import static io.sluice.schema.Arguments.requireNonNegative;
import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * A benchmark run ended; {@code queries} timed executions were published on {@code sluice.results},
 * {@code failures} of them not successful.
 */
public record BenchmarkFinished(String runId, DatasetId dataset, int queries, int failures, long durationMs, long finishedAtMs)
        implements PipelineEvent
{
    public BenchmarkFinished
    {
        requireText(runId, "runId");
        requireNonNull(dataset, "dataset is null");
        requireNonNegative(queries, "queries");
        if (failures < 0 || failures > queries) {
            throw new IllegalArgumentException("failures must be between 0 and queries (%d), got %d".formatted(queries, failures));
        }
        requireNonNegative(durationMs, "durationMs");
    }

    @Override
    public String key()
    {
        return runId;
    }
}
