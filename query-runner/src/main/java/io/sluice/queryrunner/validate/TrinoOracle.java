package io.sluice.queryrunner.validate;

import io.sluice.queryrunner.engine.EngineExecution;
import io.sluice.queryrunner.engine.EngineSession;
import io.sluice.queryrunner.engine.EngineUnavailableException;
import io.sluice.queryrunner.engine.TrinoDriver;
import io.sluice.queryrunner.query.BenchmarkQuery;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The answer of Trino's built-in generator connector of the dataset's benchmark ({@code tpch}, {@code tpcds}) at
 * the dataset's scale ({@code tpch.tiny} for 0.01, {@code tpch."sf0.1"}, {@code tpcds.sf1}, …): the same
 * generator library computed independently of the pipeline, so an answer for scales without reference files.
 * Trino runs its own text of the query there. Answers are computed once per dataset and query, outside any
 * timed execution, and kept on disk for later runs when a directory is given. A query that times out on the oracle
 * has no expected answer for the life of the process (it would take as long again at each execution); one that
 * fails has none for now, and Trino is asked again at its next execution, as a failure may pass (a Trino restarting
 * in a fault run says "no nodes available"), up to {@value #FAILED_ATTEMPTS} failures, after which it has none for
 * good (a query Trino cannot run at this scale fails each time). While Trino cannot be reached at all, nothing is
 * counted or kept. The {@code tpch} connector types money
 * as {@code double}; {@link ResultComparator}'s tolerance covers the difference.
 */
public final class TrinoOracle
        implements AnswerSource
{
    public static final int FAILED_ATTEMPTS = 3;
    private static final Logger log = LoggerFactory.getLogger(TrinoOracle.class);

    private final TrinoDriver trino;
    private final Map<Benchmark, String> catalogs;
    private final Duration timeout;
    private final Optional<StoredAnswers> stored;
    private final Map<String, Optional<ExpectedAnswer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();

    /**
     * @param catalogs the generator catalog of each benchmark that has an oracle
     * @param answersDirectory where answers are kept for later runs (one file per catalog, schema and query text);
     *     empty to compute them in every instance
     */
    public TrinoOracle(TrinoDriver trino, Map<Benchmark, String> catalogs, Duration timeout, Optional<Path> answersDirectory)
    {
        this.trino = requireNonNull(trino, "trino is null");
        this.catalogs = Map.copyOf(catalogs);
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.stored = answersDirectory.map(StoredAnswers::new);
    }

    @Override
    public Optional<ExpectedAnswer> expected(BenchmarkQuery query, DatasetId dataset)
    {
        String catalog = catalogs.get(dataset.benchmark());
        if (catalog == null) {
            return Optional.empty();
        }
        String key = dataset + "/" + query.name();
        try {
            return answers.computeIfAbsent(key, _ -> compute(catalog, query, dataset));
        }
        catch (EngineUnavailableException e) {
            // nothing is kept: Trino is asked again at the query's next execution (a fault run may have stopped it)
            return Optional.empty();
        }
        catch (NotKnownNow e) {
            int failed = failures.merge(key, 1, Integer::sum);
            if (failed < FAILED_ATTEMPTS) {
                log.warn("{}; its executions go unvalidated until the oracle answers, asked again at the next ({} of {} failures)", e.getMessage(), failed, FAILED_ATTEMPTS);
            }
            else {
                log.warn("{}; failed {} times, its executions on {} go unvalidated from now on", e.getMessage(), failed, dataset);
                answers.putIfAbsent(key, Optional.empty());
            }
            return Optional.empty();
        }
    }

    /** The oracle failed this time; whether it would the next is not known. */
    private static final class NotKnownNow
            extends RuntimeException
    {
        NotKnownNow(String message)
        {
            super(message, null, false, false);
        }
    }

    private Optional<ExpectedAnswer> compute(String catalog, BenchmarkQuery query, DatasetId dataset)
    {
        String schema = schema(dataset);
        String sql = query.text(Engine.TRINO).sql();
        String source = "trino %s.%s".formatted(catalog, schema);
        Optional<ResultRows> kept = stored.flatMap(answers -> answers.read(catalog, schema, query.name(), sql));
        if (kept.isPresent()) {
            return Optional.of(new ExpectedAnswer(kept.get(), source));
        }
        try (EngineSession session = trino.openSchema(catalog, schema)) {
            EngineExecution execution = session.execute("oracle-" + query.name(), sql, timeout);
            if (execution.outcome() == EngineExecution.Outcome.FAILED) {
                throw new NotKnownNow("trino: oracle query %s: %s".formatted(query.name(), execution.error().orElse("")));
            }
            Optional<ResultRows> rows = execution.rows();
            rows.ifPresent(answer -> stored.ifPresent(answers -> answers.write(catalog, schema, query.name(), sql, answer)));
            return rows.map(answer -> new ExpectedAnswer(answer, source));
        }
    }

    static String schema(DatasetId dataset)
    {
        String plain = dataset.scaleFactor().toString();
        return plain.equals("0.01") ? "tiny" : "sf" + plain;
    }
}
