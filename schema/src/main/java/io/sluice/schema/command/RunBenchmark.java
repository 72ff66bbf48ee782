package io.sluice.schema.command;

import io.sluice.schema.dataset.DatasetId;

import java.util.Optional;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * Run the benchmark queries on a dataset that has landed; the query runner runs it when it reads it, so the sender
 * checks readiness ({@code sluice query} does). {@code plan} names a run plan (engines, queries, repetitions) known
 * to the query runner; absent means its default plan.
 */
public record RunBenchmark(String runId, DatasetId dataset, Optional<String> plan)
        implements Command
{
    public RunBenchmark
    {
        requireText(runId, "runId");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(plan, "plan is null");
        plan.ifPresent(name -> requireText(name, "plan"));
    }
}
