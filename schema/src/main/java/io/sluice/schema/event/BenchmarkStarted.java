package io.sluice.schema.event;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;

import java.util.List;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * The query runner started a benchmark run on a ready dataset.
 */
public record BenchmarkStarted(String runId, DatasetId dataset, List<Engine> engines, long startedAtMs)
        implements PipelineEvent
{
    public BenchmarkStarted
    {
        requireText(runId, "runId");
        requireNonNull(dataset, "dataset is null");
        engines = List.copyOf(engines);
    }

    @Override
    public String key()
    {
        return runId;
    }
}
