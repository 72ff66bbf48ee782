package io.sluice.queryrunner.validate;

import io.sluice.queryrunner.engine.EngineExecution;
import io.sluice.queryrunner.engine.EngineSession;
import io.sluice.queryrunner.engine.EngineUnavailableException;
import io.sluice.queryrunner.engine.TrinoDriver;
import io.sluice.queryrunner.query.BenchmarkQuery;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The answer of Trino's built-in {@code tpch} connector at the dataset's scale ({@code tpch.tiny} for 0.01,
 * {@code tpch."sf0.1"}, {@code tpch.sf1}, …): the same generator computed independently of the pipeline, so
 * an answer for scales without reference files. Answers are computed once per dataset and query, outside any
 * timed execution. The connector types money as {@code double}; {@link ResultComparator}'s tolerance
 * covers the difference.
 */
public final class TrinoTpchOracle
        implements AnswerSource
{
    private final TrinoDriver trino;
    private final String catalog;
    private final Duration timeout;
    private final Map<String, Optional<ExpectedAnswer>> answers = new ConcurrentHashMap<>();

    public TrinoTpchOracle(TrinoDriver trino, String catalog, Duration timeout)
    {
        this.trino = requireNonNull(trino, "trino is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    @Override
    public Optional<ExpectedAnswer> expected(BenchmarkQuery query, DatasetId dataset)
    {
        if (dataset.benchmark() != Benchmark.TPCH) {
            return Optional.empty();
        }
        return answers.computeIfAbsent(dataset + "/" + query.name(), _ -> compute(query, dataset));
    }

    private Optional<ExpectedAnswer> compute(BenchmarkQuery query, DatasetId dataset)
    {
        String schema = schema(dataset);
        try (EngineSession session = trino.openSchema(catalog, schema)) {
            EngineExecution execution = session.execute("oracle-" + query.name(), query.text(Engine.TRINO).sql(), timeout);
            return execution.rows().map(rows -> new ExpectedAnswer(rows, "trino %s.%s".formatted(catalog, schema)));
        }
        catch (EngineUnavailableException e) {
            return Optional.empty();
        }
    }

    static String schema(DatasetId dataset)
    {
        String plain = dataset.scaleFactor().toString();
        return plain.equals("0.01") ? "tiny" : "sf" + plain;
    }
}
