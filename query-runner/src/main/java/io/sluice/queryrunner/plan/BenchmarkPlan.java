package io.sluice.queryrunner.plan;

import io.sluice.faults.Fault;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.result.Engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a benchmark run does: which engines run which queries of a benchmark, how often, how many at once
 * and for how long at most. {@code datasets} limits the datasets the plan runs on when they become ready
 * (empty = every dataset of the benchmark). {@code faults} are broken while the plan runs (all of the
 * {@code benchmark} phase, their start counted from the run's start). The file format is in the module README;
 * {@link PlanParser} reads it.
 */
public record BenchmarkPlan(
        String name,
        Benchmark benchmark,
        List<Engine> engines,
        List<String> queries,
        int warmups,
        int runs,
        int concurrency,
        Duration timeout,
        Set<DatasetId> datasets,
        List<Fault> faults)
{
    /**
     * Every engine but {@code trino_fte}, which needs an exchange manager on the Trino server and is a comparison
     * a plan asks for.
     */
    public static final List<Engine> DEFAULT_ENGINES = List.of(Engine.TRINO, Engine.CLICKHOUSE, Engine.SPARK);
    public static final int DEFAULT_WARMUPS = 1;
    public static final int DEFAULT_RUNS = 3;
    public static final int DEFAULT_CONCURRENCY = 1;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public BenchmarkPlan
    {
        requireNonNull(name, "name is null");
        requireNonNull(benchmark, "benchmark is null");
        engines = List.copyOf(engines);
        queries = List.copyOf(queries);
        datasets = Set.copyOf(datasets);
        faults = List.copyOf(faults);
        requireNonNull(timeout, "timeout is null");
        if (engines.isEmpty() || queries.isEmpty()) {
            throw new IllegalArgumentException("a plan needs at least one engine and one query");
        }
        if (warmups < 0 || runs < 1 || concurrency < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("plan %s: warmups >= 0, runs >= 1, concurrency >= 1 and a positive timeout are required".formatted(name));
        }
        datasets.forEach(dataset -> {
            if (dataset.benchmark() != benchmark) {
                throw new IllegalArgumentException("plan %s: dataset %s is not of benchmark %s".formatted(name, dataset, benchmark.id()));
            }
        });
        faults.forEach(fault -> {
            if (fault.phase() != FaultPhase.QUERY) {
                throw new IllegalArgumentException("plan %s: fault %s is not of the benchmark phase; a plan breaks things only while it runs".formatted(name, fault));
            }
        });
    }

    /**
     * Whether this plan runs when {@code dataset} becomes ready.
     */
    public boolean matches(DatasetId dataset)
    {
        return dataset.benchmark() == benchmark && (datasets.isEmpty() || datasets.contains(dataset));
    }

    /**
     * Executions per query and engine, warm-ups included.
     */
    public int executionsPerQuery()
    {
        return warmups + runs;
    }

    /**
     * Executions of the whole plan: every query on every engine, warm-ups included.
     */
    public long executions()
    {
        return (long) executionsPerQuery() * queries.size() * engines.size();
    }
}
