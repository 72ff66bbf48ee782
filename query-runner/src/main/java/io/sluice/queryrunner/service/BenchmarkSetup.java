package io.sluice.queryrunner.service;

import io.sluice.queryrunner.engine.ClickHouseDriver;
import io.sluice.queryrunner.engine.EngineDriver;
import io.sluice.queryrunner.engine.TrinoDriver;
import io.sluice.queryrunner.run.BenchmarkRunner;
import io.sluice.queryrunner.run.ExecutionListener;
import io.sluice.queryrunner.validate.AnswerSource;
import io.sluice.queryrunner.validate.ReferenceAnswers;
import io.sluice.queryrunner.validate.TrinoTpchOracle;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The engine drivers and the answer sources the settings describe, for the service and for a synchronous
 * run (the CLI): {@code try (var setup = BenchmarkSetup.create(settings)) { setup.runner(listener).run(plan,
 * dataset, setup.drivers()); }}. Answers: the library's reference answers where they exist (SF 0.01), else
 * Trino's built-in TPC-H catalog when {@code oracleCatalog} is set.
 */
public final class BenchmarkSetup
        implements AutoCloseable
{
    private final QueryRunnerSettings settings;
    private final TrinoDriver trino;
    private final ClickHouseDriver clickHouse;
    private final AnswerSource answers;

    private BenchmarkSetup(QueryRunnerSettings settings)
    {
        this.settings = settings;
        this.trino = new TrinoDriver(settings.trino());
        this.clickHouse = new ClickHouseDriver(settings.clickHouse());
        AnswerSource reference = new ReferenceAnswers();
        this.answers = settings.oracleCatalog()
                .map(catalog -> reference.orElse(new TrinoTpchOracle(trino, catalog, settings.oracleTimeout())))
                .orElse(reference);
    }

    public static BenchmarkSetup create(QueryRunnerSettings settings)
    {
        return new BenchmarkSetup(requireNonNull(settings, "settings is null"));
    }

    public List<EngineDriver> drivers()
    {
        return List.of(trino, clickHouse);
    }

    public AnswerSource answers()
    {
        return answers;
    }

    public BenchmarkRunner runner(ExecutionListener listener)
    {
        return new BenchmarkRunner(settings.resultsDir(), answers, listener);
    }

    @Override
    public void close()
    {
        trino.close();
        clickHouse.close();
    }
}
