package io.sluice.queryrunner.run;

import io.sluice.queryrunner.engine.EngineDriver;
import io.sluice.queryrunner.engine.EngineExecution;
import io.sluice.queryrunner.engine.EngineSession;
import io.sluice.queryrunner.engine.EngineUnavailableException;
import io.sluice.queryrunner.plan.BenchmarkPlan;
import io.sluice.queryrunner.query.BenchmarkQuery;
import io.sluice.queryrunner.query.QueryCatalog;
import io.sluice.queryrunner.query.QueryText;
import io.sluice.queryrunner.report.ReportRenderer;
import io.sluice.queryrunner.validate.AnswerSource;
import io.sluice.queryrunner.validate.ExpectedAnswer;
import io.sluice.queryrunner.validate.ResultComparator;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Runs a plan on a dataset, synchronously: engine after engine (so they do not compete for the machine),
 * round after round (warm-ups first), each round's queries on {@code concurrency} sessions at once. Every
 * successful result is checked against the expected answer; every execution goes to the listener as it
 * ends and into the run directory {@code <resultsDir>/<runId>/} with the report, and each measured one that ran
 * is timed in {@link QueryMetrics}.
 *
 * <p>An engine that cannot be reached, or that the plan names but no driver is given for, fails each of
 * its executions with that reason; the other engines go on. One that stops answering during the run holds the next
 * query until it answers again, for at most the plan's timeout ({@link EngineOutage}).
 */
public final class BenchmarkRunner
{
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path resultsDir;
    private final AnswerSource answers;
    private final ExecutionListener listener;
    private final QueryMetrics metrics;

    public BenchmarkRunner(Path resultsDir, AnswerSource answers, ExecutionListener listener, QueryMetrics metrics)
    {
        this.resultsDir = requireNonNull(resultsDir, "resultsDir is null");
        this.answers = requireNonNull(answers, "answers is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** What {@link #isUsableRunId} allows, said for a message. */
    public static final String RUN_ID_RULE = "a run id may hold only letters, digits, '.', '_' and '-', and may not be '.' or '..' (it names the run's results folder)";

    /**
     * Whether {@code runId} can name a run: it names the run's directory under the results directory, so only letters,
     * digits, '.', '_' and '-', and not a name that leaves that directory.
     */
    public static boolean isUsableRunId(String runId)
    {
        return runId.matches("[A-Za-z0-9._-]+") && !runId.equals(".") && !runId.equals("..");
    }

    /**
     * A new run id: {@code <dataset>-<UTC time>-<random>}, sortable by start.
     */
    public static String newRunId(DatasetId dataset)
    {
        return runId(dataset, Instant.now(), UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * A run id {@code <dataset>-<UTC time>-<discriminator>}.
     *
     * @param discriminator tells apart runs of the dataset in the same second
     */
    public static String runId(DatasetId dataset, Instant time, String discriminator)
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(time, "time is null");
        if (!isUsableRunId(discriminator)) {
            throw new IllegalArgumentException("discriminator '%s' may hold only letters, digits, '.', '_' and '-'".formatted(discriminator));
        }
        return "%s-%s-%s".formatted(dataset.toString().replace('.', '-'), RUN_ID_TIME.format(time), discriminator);
    }

    public RunResult run(BenchmarkPlan plan, DatasetId dataset, List<? extends EngineDriver> engines)
    {
        return run(newRunId(dataset), plan, dataset, engines);
    }

    public RunResult run(String runId, BenchmarkPlan plan, DatasetId dataset, List<? extends EngineDriver> engines)
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(dataset, "dataset is null");
        if (!isUsableRunId(runId)) {
            throw new IllegalArgumentException("run id '%s': %s".formatted(runId, RUN_ID_RULE));
        }
        if (dataset.benchmark() != plan.benchmark()) {
            throw new IllegalArgumentException("plan %s is for %s, dataset %s is not".formatted(plan.name(), plan.benchmark().id(), dataset));
        }
        Map<Engine, EngineDriver> drivers = engines.stream().collect(Collectors.toMap(EngineDriver::engine, Function.identity(), (first, _) -> first));
        List<BenchmarkQuery> queries = plan.queries().stream().map(name -> QueryCatalog.query(plan.benchmark(), name)).toList();
        long started = System.currentTimeMillis();
        LOG.info("run {}: plan {} on {} with {}", runId, plan.name(), dataset, plan.engines());
        List<Execution> executions = new ArrayList<>();
        for (Engine engine : plan.engines()) {
            executions.addAll(Optional.ofNullable(drivers.get(engine))
                    .map(driver -> runEngine(runId, plan, dataset, driver, queries))
                    .orElseGet(() -> failAll(runId, plan, dataset, engine, queries, "no %s driver in this query runner (the engine is not configured)".formatted(engine.name().toLowerCase(java.util.Locale.ROOT)))));
        }
        RunRecord record = new RunRecord(runId, plan.name(), dataset.toString(), plan.engines(), plan.queries(), plan.warmups(), plan.runs(),
                plan.concurrency(), plan.timeout().toMillis(), started, System.currentTimeMillis(), executions);
        Path directory = resultsDir.resolve(runId);
        RunFiles.write(directory, record);
        ReportRenderer.render(directory, Optional.empty());
        LOG.info("run {}: {} executions, {} not ok; report {}", runId, executions.size(), record.failures(), directory.resolve(RunFiles.REPORT));
        return new RunResult(record, directory);
    }

    private List<Execution> runEngine(String runId, BenchmarkPlan plan, DatasetId dataset, EngineDriver driver, List<BenchmarkQuery> queries)
    {
        BlockingQueue<EngineSession> sessions = new ArrayBlockingQueue<>(plan.concurrency());
        try {
            for (int i = 0; i < plan.concurrency(); i++) {
                sessions.add(driver.open(dataset));
            }
        }
        catch (EngineUnavailableException e) {
            sessions.forEach(EngineSession::close);
            LOG.warn("run {}: {} is unavailable: {}", runId, driver.engine(), e.getMessage());
            return failAll(runId, plan, dataset, driver.engine(), queries, e.getMessage());
        }
        List<Execution> executions = new ArrayList<>();
        EngineOutage outage = new EngineOutage(runId, driver, dataset, plan.timeout());
        try (ExecutorService workers = Executors.newFixedThreadPool(plan.concurrency(), Thread.ofPlatform().name("sluice-" + driver.engine().name().toLowerCase(java.util.Locale.ROOT) + "-", 1).factory())) {
            try {
                for (int round = 1; round <= plan.executionsPerQuery(); round++) {
                    int run = round;
                    List<Future<Execution>> futures = queries.stream()
                            .map(query -> workers.submit(() -> executeOn(sessions, outage, runId, plan, dataset, driver.engine(), query, run)))
                            .toList();
                    for (Future<Execution> future : futures) {
                        executions.add(future.get());
                    }
                }
            }
            catch (InterruptedException e) {
                // closing the pool would run the round's queued queries first: a stopped run drops them
                workers.shutdownNow();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("run %s interrupted".formatted(runId), e);
            }
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("run %s: an execution failed unexpectedly: %s".formatted(runId, e.getCause()), e.getCause());
        }
        finally {
            sessions.forEach(EngineSession::close);
        }
        return executions;
    }

    private Execution executeOn(BlockingQueue<EngineSession> sessions, EngineOutage outage, String runId, BenchmarkPlan plan, DatasetId dataset, Engine engine, BenchmarkQuery query,
            int run)
            throws InterruptedException
    {
        // fetched before the session is taken: computing an answer (the oracle) never counts in a timing
        Optional<ExpectedAnswer> expected = answers.expected(query, dataset);
        QueryText text = query.text(engine);
        EngineSession session = sessions.take();
        EngineExecution result;
        long startedAtMs = System.currentTimeMillis();
        try {
            result = session.execute("%s-%s-%d".formatted(runId, query.name(), run), text.sql(), plan.timeout());
        }
        finally {
            sessions.add(session);
        }
        Execution execution = judge(runId, dataset, engine, query, run, run <= plan.warmups(), startedAtMs, text, result, expected);
        if (execution.status() != ExecutionStatus.OK) {
            LOG.warn("run {}: {} {} run {} {}: {}", runId, engine, query.name(), run, execution.status().label(), execution.error().orElse(""));
        }
        metrics.executed(execution);
        listener.onExecution(execution);
        if (execution.status() == ExecutionStatus.FAILED) {
            outage.awaitAfterFailure();
        }
        return execution;
    }

    static Execution judge(String runId, DatasetId dataset, Engine engine, BenchmarkQuery query, int run, boolean warmup, long startedAtMs, QueryText text, EngineExecution result,
            Optional<ExpectedAnswer> expected)
    {
        ExecutionStatus status = switch (result.outcome()) {
            case SUCCEEDED -> ExecutionStatus.OK;
            case FAILED -> ExecutionStatus.FAILED;
            case TIMED_OUT -> ExecutionStatus.TIMEOUT;
        };
        Optional<String> error = result.error();
        boolean validated = false;
        long rows = result.rows().map(value -> (long) value.size()).orElse(0L);
        if (result.rows().isPresent() && expected.isPresent()) {
            Optional<String> mismatch = ResultComparator.mismatch(expected.get(), result.rows().get());
            validated = mismatch.isEmpty();
            if (mismatch.isPresent()) {
                status = ExecutionStatus.WRONG_RESULT;
                error = mismatch;
            }
        }
        return new Execution(runId, dataset.toString(), engine, query.name(), run, warmup, status, OptionalLong.of(startedAtMs), result.wallMs(), rows,
                result.engineQueryId(), error, validated, text.source(), result.stats());
    }

    private List<Execution> failAll(String runId, BenchmarkPlan plan, DatasetId dataset, Engine engine, List<BenchmarkQuery> queries, String reason)
    {
        List<Execution> executions = new ArrayList<>();
        for (int run = 1; run <= plan.executionsPerQuery(); run++) {
            for (BenchmarkQuery query : queries) {
                Execution execution = new Execution(runId, dataset.toString(), engine, query.name(), run, run <= plan.warmups(), ExecutionStatus.FAILED,
                        OptionalLong.of(System.currentTimeMillis()), 0, 0, Optional.empty(), Optional.of(reason), false, query.text(engine).source(), Map.of());
                listener.onExecution(execution);
                executions.add(execution);
            }
        }
        return executions;
    }
}
