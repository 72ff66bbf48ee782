package io.sluice.queryrunner.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.queryrunner.engine.ClickHouseDriver;
import io.sluice.queryrunner.engine.EngineDriver;
import io.sluice.queryrunner.engine.TrinoDriver;
import io.sluice.queryrunner.run.BenchmarkRunner;
import io.sluice.queryrunner.run.ExecutionListener;
import io.sluice.queryrunner.run.QueryMetrics;
import io.sluice.queryrunner.spark.SparkDriver;
import io.sluice.queryrunner.validate.AnswerSource;
import io.sluice.queryrunner.validate.ReferenceAnswers;
import io.sluice.queryrunner.validate.TrinoOracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The engine drivers and the answer sources the settings describe, for the service and for a synchronous
 * run (the CLI): {@code try (var setup = BenchmarkSetup.create(settings, registry)) { setup.runner(listener).run(plan,
 * dataset, setup.drivers()); }}. Answers: the TPC-H library's reference answers where they exist (SF 0.01), else
 * Trino's built-in generator catalog of the benchmark ({@code oracleCatalogs}), whose answers are kept in
 * {@code <results>/oracle-answers/} for later runs.
 */
public final class BenchmarkSetup
        implements AutoCloseable
{
    /** Where under the results directory the oracle keeps its answers for later runs. */
    private static final String ORACLE_ANSWERS = "oracle-answers";

    private final QueryRunnerSettings settings;
    private final AnswerSource answers;
    private final List<EngineDriver> drivers;
    private final QueryMetrics metrics;

    private BenchmarkSetup(QueryRunnerSettings settings, MeterRegistry registry)
    {
        this.settings = settings;
        this.metrics = new QueryMetrics(registry);
        TrinoDriver trino = new TrinoDriver(settings.trino());
        AnswerSource reference = new ReferenceAnswers();
        this.answers = reference.orElse(new TrinoOracle(trino, settings.oracleCatalogs(), settings.oracleTimeout(), Optional.of(settings.resultsDir().resolve(ORACLE_ANSWERS))));
        List<EngineDriver> drivers = new ArrayList<>(List.of(trino, TrinoDriver.faultTolerant(settings.trino()), new ClickHouseDriver(settings.clickHouse())));
        settings.spark().ifPresent(spark -> drivers.add(new SparkDriver(spark)));
        this.drivers = List.copyOf(drivers);
    }

    /**
     * @param registry where each measured execution's duration goes ({@code sluice_query_duration_seconds})
     */
    public static BenchmarkSetup create(QueryRunnerSettings settings, MeterRegistry registry)
    {
        return new BenchmarkSetup(requireNonNull(settings, "settings is null"), requireNonNull(registry, "registry is null"));
    }

    /**
     * Trino, Trino with task retries ({@code trino_fte}), ClickHouse, and Spark when it is configured.
     */
    public List<EngineDriver> drivers()
    {
        return drivers;
    }

    public AnswerSource answers()
    {
        return answers;
    }

    public BenchmarkRunner runner(ExecutionListener listener)
    {
        return new BenchmarkRunner(settings.resultsDir(), answers, listener, metrics);
    }

    @Override
    public void close()
    {
        drivers.forEach(EngineDriver::close);
    }
}
