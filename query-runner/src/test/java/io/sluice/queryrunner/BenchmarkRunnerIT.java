package io.sluice.queryrunner;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.faults.local.proxy.LoopbackProxy;
import io.sluice.ops.MetricCatalog;
import io.sluice.ops.MetricsSettings;
import io.sluice.ops.OpsEndpoint;
import io.sluice.ops.ScrapedMetrics;
import io.sluice.queryrunner.engine.ClickHouseDriver;
import io.sluice.queryrunner.engine.EngineDriver;
import io.sluice.queryrunner.engine.EngineExecution;
import io.sluice.queryrunner.engine.EngineSession;
import io.sluice.queryrunner.engine.TrinoConnectionSettings;
import io.sluice.queryrunner.engine.TrinoDriver;
import io.sluice.queryrunner.plan.BenchmarkPlan;
import io.sluice.queryrunner.plan.PlanParser;
import io.sluice.queryrunner.report.ReportRenderer;
import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionListener;
import io.sluice.queryrunner.run.ExecutionStatus;
import io.sluice.queryrunner.run.RunFiles;
import io.sluice.queryrunner.run.RunResult;
import io.sluice.queryrunner.service.BenchmarkSetup;
import io.sluice.queryrunner.query.BenchmarkQuery;
import io.sluice.queryrunner.query.QueryCatalog;
import io.sluice.queryrunner.spark.SparkDriver;
import io.sluice.queryrunner.validate.ExpectedAnswer;
import io.sluice.queryrunner.validate.ReferenceAnswers;
import io.sluice.queryrunner.validate.ResultComparator;
import io.sluice.queryrunner.validate.TrinoOracle;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.queryrunner.spark.SparkSettings;
import io.sluice.queryrunner.service.QueryRunnerService;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.queryrunner.service.ResultPublisher;
import io.sluice.schema.command.Command;
import io.sluice.schema.command.RunBenchmark;
import io.sluice.schema.command.RunFault;
import io.sluice.schema.event.BenchmarkStarted;
import io.sluice.schema.event.BenchmarkStopped;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.kafka.TopicReplay;
import io.sluice.schema.result.Engine;
import io.sluice.schema.result.QueryResult;
import io.sluice.schema.result.QueryStatus;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.ProcessSignals;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.ChildJvm;
import io.sluice.stack.junit.StackServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.function.Predicate.isEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * All 22 TPC-H queries at SF 0.01 on Trino (Parquet in the S3 store) and ClickHouse (MergeTree tables),
 * each result checked against the library's reference answers; results on sluice.results and in the run
 * directory; a timeout cancels the query on the engine; the service runs on DatasetReady, rejects a bad
 * command, and after a restart runs again what a stop cut short.
 */
@StackServers({"kafka", "s3", "clickhouse", "trino"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchmarkRunnerIT
{
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_01");

    private final Map<String, String> env = new java.util.HashMap<>();
    private QueryRunnerSettings settings;

    @BeforeAll
    void land(StackStatus stack, @TempDir Path state, @TempDir Path sparkHome)
            throws Exception
    {
        env.putAll(LandedDatasets.environmentWithSpark(stack, sparkHome));
        LandedDatasets.land(env, DATASET, state);
        settings = QueryRunnerSettings.fromEnvironment(env);
    }

    @Test
    void runsAll22QueriesOnTrinoClickHouseAndSparkWithCheckedResults()
    {
        BenchmarkPlan plan = new PlanParser().parse("benchmark: tpch\nengines: [trino, clickhouse, spark]\nwarmups: 0\nruns: 1\ntimeout: 5m\n", "it-plan", "it");
        RunResult run;
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (BenchmarkSetup setup = BenchmarkSetup.create(settings, registry);
                ResultPublisher publisher = new ResultPublisher(settings.kafka())) {
            assertThat(setup.drivers()).extracting(EngineDriver::engine).containsExactly(Engine.TRINO, Engine.TRINO_FTE, Engine.CLICKHOUSE, Engine.SPARK);
            run = setup.runner(publisher).run(plan, DATASET, setup.drivers());
        }
        List<Execution> executions = run.record().executions();
        printFigures(executions);
        System.out.println("report: " + run.report());
        // warm-ups are the service test's and BenchmarkRunnerTest's; here every text once on every engine
        assertThat(executions).hasSize(3 * 22);
        assertThat(executions)
                .allSatisfy(execution -> assertThat(execution.status()).as("%s %s run %d: %s", execution.engine(), execution.query(), execution.run(), execution.error()).isEqualTo(ExecutionStatus.OK))
                .allSatisfy(execution -> assertThat(execution.validated()).as("%s %s validated", execution.engine(), execution.query()).isTrue())
                .allSatisfy(execution -> assertThat(execution.engineQueryId()).isPresent());
        assertThat(executions.stream().filter(execution -> execution.engine() == Engine.TRINO))
                .allSatisfy(execution -> assertThat(execution.stats()).containsKey("cpuMs"));
        measuredPerEngineAndQuery(run).forEach((engineAndQuery, measured) -> assertThat(registry.get("sluice.query.duration")
                .tags("engine", engineAndQuery.getFirst(), "query", engineAndQuery.getLast(), "status", "ok").timer().count())
                .as("timed executions of %s", engineAndQuery).isEqualTo(measured));

        List<QueryResult> published = readAll(Topics.RESULTS, KafkaSerdes.results().deserializer()::deserialize).stream()
                .filter(result -> result.runId().equals(run.record().runId())).toList();
        assertThat(published).hasSize(executions.size())
                .allSatisfy(result -> assertThat(result.status()).isEqualTo(QueryStatus.SUCCEEDED))
                .allSatisfy(result -> assertThat(result.validated()).isTrue());

        assertThat(RunFiles.read(run.directory())).isEqualTo(run.record());
        assertThat(run.csv()).content().startsWith(RunFiles.CSV_HEADER + "\n").contains("trino,q22,1,false,ok,").contains("clickhouse,q01,1,false,ok,").contains("spark,q13,1,false,ok,");
        assertThat(run.report()).content().contains("<svg").contains("q22").contains("clickhouse").contains("spark").doesNotContain("<script");
        Path rerendered = ReportRenderer.render(run.directory(), Optional.of(run.directory()));
        assertThat(rerendered).content().contains("Against baseline").contains("1.000×");
    }

    @Test
    void trinoWithTaskRetriesRunsBesideTrinoAndTrinoSaysItRetriesTasks()
            throws Exception
    {
        BenchmarkPlan plan = new PlanParser().parse("benchmark: tpch\nengines: [trino, trino_fte]\nqueries: [q01, q06]\nwarmups: 0\nruns: 1\ntimeout: 2m\n", "fte-plan", "fte");
        RunResult run;
        try (BenchmarkSetup setup = BenchmarkSetup.create(settings, new SimpleMeterRegistry())) {
            run = setup.runner(ExecutionListener.none()).run(plan, DATASET, setup.drivers());
        }
        List<Execution> executions = run.record().executions();
        executions.forEach(execution -> System.out.printf("%s %s: %d ms%n", execution.engine(), execution.query(), execution.wallMs()));
        assertThat(executions).hasSize(2 * 2)
                .allSatisfy(execution -> assertThat(execution.status()).as("%s %s: %s", execution.engine(), execution.query(), execution.error()).isEqualTo(ExecutionStatus.OK))
                .allSatisfy(execution -> assertThat(execution.validated()).as("%s %s validated", execution.engine(), execution.query()).isTrue());
        for (Execution execution : executions) {
            JsonNode info = trinoQueryInfo(execution.engineQueryId().orElseThrow());
            String expected = execution.engine() == Engine.TRINO_FTE ? "TASK" : "NONE";
            assertThat(info.path("retryPolicy").asText()).as("%s %s retry policy", execution.engine(), execution.query()).isEqualTo(expected);
        }
        assertThat(run.report()).content().contains("trino_fte");
    }

    @Test
    void aStoppedRunDropsTheQueriesItHadQueued()
            throws Exception
    {
        // one round of the 22 texts on Trino, one at a time: the run's thread is interrupted (as the service's stop
        // does) once the first has run
        BenchmarkPlan plan = new PlanParser().parse("benchmark: tpch\nengines: [trino]\nwarmups: 0\nruns: 1\ntimeout: 1m\n", "stopped-plan", "stopped");
        AtomicInteger executed = new AtomicInteger();
        CountDownLatch first = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        try (BenchmarkSetup setup = BenchmarkSetup.create(settings, new SimpleMeterRegistry())) {
            Thread run = Thread.ofPlatform().start(() -> {
                try {
                    setup.runner(_ -> {
                        executed.incrementAndGet();
                        first.countDown();
                    }).run(plan, DATASET, setup.drivers());
                }
                catch (Throwable e) {
                    ended.set(e);
                }
            });
            assertThat(first.await(2, TimeUnit.MINUTES)).isTrue();
            run.interrupt();
            assertThat(run.join(Duration.ofMinutes(1))).as("the run ended").isTrue();
        }
        assertThat(ended.get()).isInstanceOf(IllegalStateException.class).hasMessageEndingWith("interrupted");
        assertThat(executed.get()).as("executions: the first, and those begun before the stop reached the pool, not the round's 22").isLessThanOrEqualTo(3);
    }

    @Test
    void aTimeoutCancelsTheQueryOnTheEngine()
            throws Exception
    {
        try (ClickHouseDriver clickHouse = new ClickHouseDriver(settings.clickHouse());
                EngineSession session = clickHouse.open(DATASET)) {
            EngineExecution execution = session.execute("timeout", "SELECT count() FROM system.numbers WHERE sipHash64(number) % 7 = 3", Duration.ofSeconds(2));
            assertThat(execution.outcome()).isEqualTo(EngineExecution.Outcome.TIMED_OUT);
            assertThat(execution.error()).hasValueSatisfying(error -> assertThat(error).startsWith("timed out after 2 s; "));
            assertThat(execution.wallMs()).isBetween(1_900L, 30_000L);
            String queryId = execution.engineQueryId().orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> count(settings.clickHouse().jdbcUrl(), "SELECT count() FROM system.processes WHERE query_id = '%s'".formatted(queryId)) == 0);
        }
        try (TrinoDriver trino = new TrinoDriver(settings.trino());
                EngineSession session = trino.openSchema("tpch", "sf1000")) {
            EngineExecution execution = session.execute("timeout", "SELECT sum(l_quantity) FROM lineitem", Duration.ofSeconds(3));
            assertThat(execution.outcome()).isEqualTo(EngineExecution.Outcome.TIMED_OUT);
            String queryId = execution.engineQueryId().orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> trinoState(queryId).equals("FAILED"));
        }
        try (SparkDriver spark = new SparkDriver(settings.spark().orElseThrow());
                EngineSession session = spark.open(DATASET)) {
            long started = System.nanoTime();
            EngineExecution execution = session.execute("timeout", "SELECT count(*) FROM range(0, 1000000000000) WHERE hash(id) % 7 = 3", Duration.ofSeconds(5));
            assertThat(execution.outcome()).isEqualTo(EngineExecution.Outcome.TIMED_OUT);
            assertThat(execution.error()).contains("timed out after 5 s; job group cancelled in spark");
            // the cancelled job group frees the application: the next query runs at once
            EngineExecution next = session.execute("after-timeout", "SELECT count(*) FROM nation", Duration.ofSeconds(60));
            assertThat(next.outcome()).isEqualTo(EngineExecution.Outcome.SUCCEEDED);
            assertThat(next.rows().orElseThrow().rows()).containsExactly(List.of(java.math.BigDecimal.valueOf(25)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(50));
        }
    }

    @Test
    void aClickHouseThatStopsAnsweringTimesTheQueryOutInsteadOfHoldingItsWorker(StackStatus stack)
            throws Exception
    {
        long server = stack.server("clickhouse").orElseThrow().pid();
        try (ClickHouseDriver clickHouse = new ClickHouseDriver(settings.clickHouse());
                EngineSession session = clickHouse.open(DATASET);
                ExecutorService worker = Executors.newSingleThreadExecutor()) {
            ProcessSignals.signalGroup(server, "STOP");
            try {
                // a paused server (a fault run's clickhouse:pause, a lost node): neither the query nor the cancel at
                // its timeout is ever answered; before, the client waited for good and held the run's worker
                Future<EngineExecution> stalled = worker.submit(() -> session.execute("stalled", "SELECT count() FROM lineitem", Duration.ofSeconds(2)));
                EngineExecution execution = stalled.get(90, TimeUnit.SECONDS);
                assertThat(execution.outcome()).isEqualTo(EngineExecution.Outcome.TIMED_OUT);
                assertThat(execution.error()).hasValueSatisfying(error -> assertThat(error).startsWith("timed out after 2 s"));
            }
            finally {
                ProcessSignals.signalGroup(server, "CONT");
            }
            EngineExecution after = session.execute("after-stall", "SELECT count() FROM nation", Duration.ofSeconds(60));
            assertThat(after.outcome()).isEqualTo(EngineExecution.Outcome.SUCCEEDED);
        }
    }

    @Test
    void trinosTpchCatalogAgreesWithTheLibrarysReferenceAnswersAndItsKeptAnswersReadBackEqual(@TempDir Path answers)
    {
        // the oracle answers scales without reference files; at SF 0.01 both exist and must agree
        Map<String, ExpectedAnswer> computed = new HashMap<>();
        try (TrinoDriver trino = new TrinoDriver(settings.trino())) {
            TrinoOracle oracle = new TrinoOracle(trino, Map.of(Benchmark.TPCH, "tpch"), Duration.ofMinutes(2), Optional.of(answers));
            ReferenceAnswers reference = new ReferenceAnswers();
            for (String name : QueryCatalog.queryNames(Benchmark.TPCH)) {
                BenchmarkQuery query = QueryCatalog.query(Benchmark.TPCH, name);
                ExpectedAnswer fromTrino = oracle.expected(query, DATASET).orElseThrow();
                assertThat(fromTrino.source()).isEqualTo("trino tpch.tiny");
                assertThat(ResultComparator.mismatch(reference.expected(query, DATASET).orElseThrow(), fromTrino.rows())).as(name).isEmpty();
                computed.put(name, fromTrino);
            }
        }
        // a later run reads the kept answers, cell for cell and scale for scale, without asking Trino (here: none listens)
        try (TrinoDriver nowhere = new TrinoDriver(new TrinoConnectionSettings("jdbc:trino://127.0.0.1:9/tpch", "sluice", Optional.empty(), "tpch"))) {
            TrinoOracle later = new TrinoOracle(nowhere, Map.of(Benchmark.TPCH, "tpch"), Duration.ofSeconds(5), Optional.of(answers));
            for (String name : QueryCatalog.queryNames(Benchmark.TPCH)) {
                assertThat(later.expected(QueryCatalog.query(Benchmark.TPCH, name), DATASET)).as(name).contains(computed.get(name));
            }
        }
    }

    @Test
    void anOracleThatCannotReachTrinoKeepsNoAnswerAndAnswersOnceTrinoIsBack()
            throws IOException
    {
        URI trinoAddress = URI.create(settings.trino().jdbcUrl().replaceFirst("^jdbc:", ""));
        int port = freePort();
        BenchmarkQuery q6 = QueryCatalog.query(Benchmark.TPCH, "q6");
        try (TrinoDriver trino = new TrinoDriver(new TrinoConnectionSettings("jdbc:trino://127.0.0.1:%d/tpch".formatted(port), "sluice", Optional.empty(), "tpch"))) {
            TrinoOracle oracle = new TrinoOracle(trino, Map.of(Benchmark.TPCH, "tpch"), Duration.ofMinutes(1), Optional.empty());
            // nothing listens on the port yet
            assertThat(oracle.expected(q6, DATASET)).isEmpty();

            try (LoopbackProxy proxy = LoopbackProxy.start("trino", new InetSocketAddress(trinoAddress.getHost(), trinoAddress.getPort()), port)) {
                assertThat(oracle.expected(q6, DATASET)).hasValueSatisfying(answer ->
                        assertThat(ResultComparator.mismatch(new ReferenceAnswers().expected(q6, DATASET).orElseThrow(), answer.rows())).isEmpty());
            }
        }
    }

    @Test
    void aQueryTheOracleFailsIsAskedAgainAtItsNextExecution()
            throws SQLException
    {
        BenchmarkQuery q6 = QueryCatalog.query(Benchmark.TPCH, "q6");
        Instant start = Instant.now().minusSeconds(1);
        // a catalog without the oracle's schema: Trino takes the query (it has an id) and fails it, as it fails every
        // query while it restarts ("no nodes available"), a failure that passes
        try (TrinoDriver trino = new TrinoDriver(settings.trino())) {
            TrinoOracle oracle = new TrinoOracle(trino, Map.of(Benchmark.TPCH, "system"), Duration.ofMinutes(1), Optional.empty());
            for (int execution = 0; execution < TrinoOracle.FAILED_ATTEMPTS + 2; execution++) {
                assertThat(oracle.expected(q6, DATASET)).isEmpty();
            }
        }
        // asked at each execution until it failed FAILED_ATTEMPTS times, a failure that does not pass (before, the
        // first failure was kept as "no answer" and Trino was asked once)
        await().atMost(Duration.ofSeconds(20)).until(() -> failedOnTrinoSince(q6.text(Engine.TRINO).sql(), start) >= TrinoOracle.FAILED_ATTEMPTS);
        assertThat(failedOnTrinoSince(q6.text(Engine.TRINO).sql(), start)).isEqualTo(TrinoOracle.FAILED_ATTEMPTS);
    }

    private long failedOnTrinoSince(String sql, Instant start)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(settings.trino().jdbcUrl(), settings.trino().user(), settings.trino().password().orElse(null));
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT count(*) FROM system.runtime.queries WHERE query = ? AND state = 'FAILED' AND created >= from_unixtime(?)")) {
            statement.setString(1, sql);
            statement.setLong(2, start.getEpochSecond());
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    @Test
    void aSparkApplicationEndsWithTheJvmThatStartedItEvenWhenThatJvmIsKilled()
            throws Exception
    {
        Process owner = sessionOwner("spark");
        List<ProcessHandle> application;
        try {
            application = sparkApplications(owner.toHandle());
            assertThat(application).as("the Spark application's JVM").isNotEmpty();
        }
        finally {
            // SIGKILL: no shutdown hook, no stop file, as when a query runner pod is killed
            owner.destroyForcibly().waitFor();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(application).as("the Spark application after its owner died")
                .noneMatch(ProcessHandle::isAlive));
    }

    @Test
    void aSparkSessionWhoseApplicationDiedRunsItsNextQueriesInANewOne()
            throws Exception
    {
        Set<Path> foldersBefore = sparkFolders();
        try (SparkDriver spark = new SparkDriver(settings.spark().orElseThrow());
                EngineSession session = spark.open(DATASET)) {
            EngineExecution before = session.execute("before", "SELECT count(*) FROM nation", Duration.ofSeconds(60));
            assertThat(before.outcome()).isEqualTo(EngineExecution.Outcome.SUCCEEDED);
            // as when the driver runs out of memory: the application's JVM dies under the session
            List<ProcessHandle> application = sparkApplications(ProcessHandle.current());
            assertThat(application).as("the Spark application's JVM").isNotEmpty();
            application.forEach(ProcessHandle::destroyForcibly);
            application.forEach(process -> process.onExit().join());

            // the query that meets the end may fail, saying so; the next runs in a new application
            List<EngineExecution> after = List.of(
                    session.execute("after-1", "SELECT count(*) FROM nation", Duration.ofSeconds(60)),
                    session.execute("after-2", "SELECT count(*) FROM nation", Duration.ofSeconds(60)));
            assertThat(after.getLast().outcome()).isEqualTo(EngineExecution.Outcome.SUCCEEDED);
            assertThat(after.getLast().rows().orElseThrow().rows()).containsExactly(List.of(java.math.BigDecimal.valueOf(25)));
            assertThat(applicationOf(after.getLast())).isNotEqualTo(applicationOf(before));
            assertThat(after).filteredOn(execution -> execution.outcome() != EngineExecution.Outcome.SUCCEEDED)
                    .allSatisfy(execution -> assertThat(execution.error()).hasValueSatisfying(error -> assertThat(error).startsWith("spark application ended")));
        }
        // closing waited for the application's JVM to exit, not only for Spark to report it finished (its shutdown
        // hooks were still deleting its scratch files from the folder then)
        assertThat(sparkApplications(ProcessHandle.current())).as("Spark applications after the session closed").isEmpty();
        // the dead application keeps its folder and log, and the scratch files it could not delete are in there, not in
        // /tmp; the one the session closed cleanly leaves none (before, every session's folder stayed)
        Set<Path> added = new HashSet<>(sparkFolders());
        added.removeAll(foldersBefore);
        assertThat(added).singleElement().satisfies(folder -> {
            assertThat(folder.resolve("spark.log")).exists();
            assertThat(folder.resolve("tmp")).isDirectoryContaining("glob:**/blockmgr-*").isDirectoryContaining("glob:**/artifacts-*");
        });
    }

    /** The JVMs of the Spark applications {@code owner} started, found by their main class. */
    private static List<ProcessHandle> sparkApplications(ProcessHandle owner)
    {
        return owner.descendants().filter(process -> process.info().commandLine().orElse("").contains("SparkQueryApp")).toList();
    }

    private Set<Path> sparkFolders()
            throws IOException
    {
        try (Stream<Path> folders = Files.list(settings.spark().orElseThrow().workDir())) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("session-")).collect(Collectors.toSet());
        }
    }

    /** The Spark application an execution ran in: its engine query id is {@code <application id>/<job group>}. */
    private static String applicationOf(EngineExecution execution)
    {
        return execution.engineQueryId().orElseThrow().split("/")[0];
    }

    @Test
    void trinoAbandonsTheQueriesOfAKilledQueryRunner()
            throws Exception
    {
        // minutes of work (3.6e11 row combinations at SF 0.01), unless Trino stops it
        Process owner = sessionOwner("trino",
                "SELECT count(*) FROM lineitem a CROSS JOIN lineitem b CROSS JOIN supplier c WHERE (a.l_orderkey + b.l_partkey + c.s_suppkey) % 7 = 3");
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> orphansOnTrino() == 1);
        }
        finally {
            owner.destroyForcibly().waitFor();
        }

        // the local stack's client timeout is 30 s; Trino's default would keep it running for 5 minutes
        await().atMost(Duration.ofSeconds(75)).untilAsserted(() -> assertThat(orphansOnTrino()).as("Trino queries of the dead client").isZero());
    }

    private long orphansOnTrino()
            throws Exception
    {
        try (var trino = DriverManager.getConnection(settings.trino().jdbcUrl(), settings.trino().user(), settings.trino().password().orElse(null));
                ResultSet rows = trino.createStatement().executeQuery("SELECT count(*) FROM system.runtime.queries WHERE state IN ('QUEUED', 'PLANNING', 'STARTING', 'RUNNING') "
                        + "AND query LIKE '%lineitem a CROSS JOIN lineitem b%' AND query NOT LIKE '%system.runtime.queries%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** A {@link SessionOwner} JVM with sessions of the engines open (and the query running on each, when given). */
    private Process sessionOwner(String engines, String... sql)
            throws IOException
    {
        List<String> command = ChildJvm.command(List.of(), SessionOwner.class, engines, DATASET.toString());
        command.addAll(List.of(sql));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(Path.of("target", "session-owner.err").toFile());
        builder.environment().putAll(env);
        Process owner = builder.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8))) {
            // its log lines (logback-test.xml writes to standard output) come before "ready"
            assertThat(out.lines().filter("ready"::equals).findFirst()).as("the owner's sessions are open (else see target/session-owner.err)").isPresent();
        }
        catch (AssertionError e) {
            owner.destroyForcibly();
            throw e;
        }
        return owner;
    }

    @Test
    void driversTellWhichTablesTheyLack()
            throws Exception
    {
        try (TrinoDriver trino = new TrinoDriver(settings.trino());
                ClickHouseDriver clickHouse = new ClickHouseDriver(settings.clickHouse())) {
            assertThat(trino.missingTables(DATASET, List.of("lineitem", "nation", "nosuch"))).hasValue(List.of("nosuch"));
            assertThat(clickHouse.missingTables(DATASET, List.of("lineitem", "nation", "nosuch"))).hasValue(List.of("nosuch"));
            // a dataset that never landed: the engines answer, and lack every table
            assertThat(trino.missingTables(DatasetId.parse("tpch.sf3"), List.of("lineitem"))).hasValue(List.of("lineitem"));
            assertThat(clickHouse.missingTables(DatasetId.parse("tpch.sf3"), List.of("lineitem"))).hasValue(List.of("lineitem"));
        }
        TrinoConnectionSettings unreachable = new TrinoConnectionSettings("jdbc:trino://127.0.0.1:%d".formatted(freePort()), "sluice", Optional.empty(), settings.trino().catalog());
        try (TrinoDriver trino = new TrinoDriver(unreachable)) {
            assertThat(trino.missingTables(DATASET, List.of("lineitem"))).isEmpty();
        }
    }

    @Test
    void theServiceRunsOnDatasetReadyServesItsQueryTimingsAndRejectsAnUnknownPlan(@TempDir Path results, @TempDir Path plans)
            throws Exception
    {
        Map<String, String> serviceEnv = serviceEnvironment(results, plans, "it-" + System.nanoTime());
        Files.writeString(plans.resolve("smoke.yaml"), "benchmark: tpch\ndatasets: [tpch.sf0_01]\nengines: [trino, clickhouse]\nqueries: [q06, q14]\nwarmups: 1\nruns: 2\n");
        // a plan a ready dataset does not run, as the chart's other plans: only RunBenchmark names it (before, each ran)
        Files.writeString(plans.resolve("other.yaml"), "benchmark: tpch\ndatasets: [tpch.sf0_01]\nengines: [clickhouse]\nqueries: [q06]\nwarmups: 0\nruns: 1\n");
        serviceEnv.put(QueryRunnerSettings.READY_PLANS_ENV, "smoke");
        // a fault an earlier query runner injected: its RunFault, read again, must not inject it twice
        String injected = "it-fault-injected-" + System.nanoTime();
        sendEvent(new FaultInjected(injected, "clickhouse", FaultKind.KILL, FaultPhase.QUERY, System.currentTimeMillis()));
        // as `sluice query-runner --metrics-port` runs it
        try (OpsEndpoint ops = OpsEndpoint.start(new MetricsSettings(freePort(), "127.0.0.1"));
                QueryRunnerService service = QueryRunnerService.start(QueryRunnerSettings.fromEnvironment(serviceEnv), ops.registry())) {
            await().atMost(Duration.ofMinutes(10)).until(() -> service.completedRuns().stream().anyMatch(run -> run.record().plan().equals("smoke")));
            RunResult smoke = service.completedRuns().stream().filter(run -> run.record().plan().equals("smoke")).findFirst().orElseThrow();
            // runs go one at a time, in the plans' order ("other" first): it would have ended before "smoke" began
            assertThat(service.completedRuns()).extracting(run -> run.record().plan()).containsExactly("smoke");
            assertThat(smoke.record().executions()).hasSize(2 * 2 * 3).allSatisfy(execution -> assertThat(execution.validated()).isTrue());

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:%d/metrics".formatted(ops.address().orElseThrow().getPort())))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            ScrapedMetrics scraped = ScrapedMetrics.parse(scrape.body());
            Map<List<String>, Long> measured = measuredPerEngineAndQuery(smoke);
            assertThat(measured).hasSize(4).containsValue(2L);
            measured.forEach((engineAndQuery, count) -> assertThat(scraped.sum("sluice_query_duration_seconds", Map.of("engine", engineAndQuery.getFirst(), "query", engineAndQuery.getLast(), "status", "ok")))
                    .as("timed executions of %s scraped", engineAndQuery).isEqualTo(count.doubleValue()));
            assertThat(scraped.sum("sluice_query_duration_seconds_sum", Map.of("engine", "clickhouse"))).isPositive();
            MetricCatalog.load().exportedBy("query-runner").forEach(entry -> assertThat(scraped.mismatch(entry)).isEmpty());

            String runId = "it-unknown-plan-" + System.nanoTime();
            send(new RunBenchmark(runId, DATASET, Optional.of("nope")));
            await().atMost(Duration.ofMinutes(1)).until(() -> readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize).stream()
                    .anyMatch(event -> event instanceof CommandRejected rejected && rejected.runId().equals(runId) && rejected.reason().contains("unknown plan 'nope'")));
            assertThat(service.isRunning()).isTrue();

            String garbage = "it-garbage-" + System.nanoTime();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", env.get("SLUICE_KAFKA_BOOTSTRAP_SERVERS")), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.CONTROL, garbage, new byte[] {1, 2, 3, 4})).get();
            }
            await().atMost(Duration.ofMinutes(1)).until(() -> readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize).stream()
                    .anyMatch(event -> event instanceof CommandRejected rejected && rejected.runId().equals(garbage) && rejected.command().equals("unknown")
                            && rejected.reason().matches("the query runner cannot decode sluice\\.control-\\d+ offset \\d+: TRUNCATED: .*")));
            assertThat(service.isRunning()).isTrue();

            send(new RunFault(injected, "clickhouse", FaultKind.KILL, FaultPhase.QUERY, Optional.empty(), Optional.empty()));
            await().atMost(Duration.ofMinutes(1)).until(() -> readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize).stream()
                    .anyMatch(event -> event instanceof CommandRejected rejected && rejected.runId().equals(injected) && rejected.command().equals("RunFault")
                            && rejected.reason().equals("run id %s was already used".formatted(injected))));

            // a dataset that has not landed: every query would fail, so the run is refused instead, and its id stays free
            String notLanded = "it-not-landed-" + System.nanoTime();
            send(new RunBenchmark(notLanded, DatasetId.parse("tpch.sf3"), Optional.of("smoke")));
            await().atMost(Duration.ofMinutes(1)).until(() -> notLandedRejections(notLanded) == 1);
            send(new RunBenchmark(notLanded, DatasetId.parse("tpch.sf3"), Optional.of("smoke")));
            await().atMost(Duration.ofMinutes(1)).until(() -> notLandedRejections(notLanded) == 2);
            assertThat(readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize)).noneMatch(event -> event instanceof BenchmarkStarted started && started.runId().equals(notLanded));
        }
    }

    @Test
    void aRestartedServiceRunsAgainWhatAStopCutShortAndRemembersWhatItHadRead(@TempDir Path results, @TempDir Path plans)
            throws Exception
    {
        String group = "it-restart-" + System.nanoTime();
        Map<String, String> serviceEnv = serviceEnvironment(results, plans, group);
        Files.writeString(plans.resolve("quick.yaml"), "benchmark: tpch\ndatasets: [tpch.sf1]\nengines: [clickhouse]\nqueries: [q06]\nwarmups: 0\nruns: 1\n");
        Files.writeString(plans.resolve("long.yaml"), "benchmark: tpch\ndatasets: [tpch.sf1]\nengines: [trino]\nqueries: [q01]\nwarmups: 0\nruns: 60\n");
        // a dataset no engine has: its run would wait for its tables, so the test sees only that it was triggered
        DatasetId halfReady = DatasetId.parse("tpch.sf0_07");
        Files.writeString(plans.resolve("late.yaml"), "benchmark: tpch\ndatasets: [tpch.sf0_07]\nengines: [clickhouse]\nqueries: [q06]\n");
        // as if the group's earlier consumers had read everything so far: this test's records are all it reads
        commitTheEnd(group, Topics.EVENTS, Topics.CONTROL);

        String quick = "it-quick-" + System.nanoTime();
        String cutShort = "it-cut-short-" + System.nanoTime();
        try (ServiceLog serviceLog = ServiceLog.capture()) {
            List<ILoggingEvent> logged = serviceLog.events();
            int stopLines;
            RecordMetadata cutShortRecord;
            try (QueryRunnerService service = QueryRunnerService.start(QueryRunnerSettings.fromEnvironment(serviceEnv), new SimpleMeterRegistry())) {
                send(new RunBenchmark(quick, DATASET, Optional.of("quick")));
                await().atMost(Duration.ofMinutes(1)).until(() -> service.completedRuns().stream().anyMatch(run -> run.record().runId().equals(quick)));
                sendEvent(new DatasetReady(halfReady, Sink.PARQUET, List.of("lineitem"), 1, 1, 1, 1));
                cutShortRecord = send(new RunBenchmark(cutShort, DATASET, Optional.of("long")));
                await().atMost(Duration.ofMinutes(1)).until(() -> startsOf(cutShort) == 1);
                stopLines = logged.size();
            }
            // the stop says so, with the executions so far: the start is not one the query runner died in (before, three
            // orderly stops during a run, such as three upgrades, gave the run up)
            assertThat(readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize))
                    .filteredOn(event -> event instanceof BenchmarkStopped stopped && stopped.runId().equals(cutShort))
                    .singleElement().isInstanceOfSatisfying(BenchmarkStopped.class, stopped -> {
                        assertThat(stopped.dataset()).isEqualTo(DATASET);
                        assertThat((long) stopped.executions()).isEqualTo(readAll(Topics.RESULTS, KafkaSerdes.results().deserializer()::deserialize).stream()
                                .filter(result -> result.runId().equals(cutShort)).count());
                    });
            // the group's offset stops at the command of the run not finished
            TopicPartition controlPartition = new TopicPartition(cutShortRecord.topic(), cutShortRecord.partition());
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", env.get("SLUICE_KAFKA_BOOTSTRAP_SERVERS")))) {
                assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(controlPartition))
                        .isEqualTo(new OffsetAndMetadata(cutShortRecord.offset()));
            }
            // stopping (a pod replaced, Ctrl-C) interrupts the run: an expected stop, said as such
            List<ILoggingEvent> stopping = logged.subList(stopLines, logged.size());
            assertThat(stopping).noneMatch(event -> event.getLevel() == Level.ERROR);
            assertThat(stopping).filteredOn(event -> event.getLevel() == Level.WARN).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                    .startsWith("run %s of plan long on tpch.sf0_01 stopped unfinished because the query runner is stopping".formatted(cutShort))
                    .endsWith("the query runner's next start (group %s) runs it again under the same run id".formatted(group));

            try (QueryRunnerService service = QueryRunnerService.start(QueryRunnerSettings.fromEnvironment(serviceEnv), new SimpleMeterRegistry())) {
                // the group's next consumer runs the cut-short run again, to its end, under its id
                await().atMost(Duration.ofMinutes(3)).until(() -> !service.completedRuns().isEmpty());
                assertThat(service.completedRuns()).singleElement().satisfies(run -> {
                    assertThat(run.record().runId()).isEqualTo(cutShort);
                    assertThat(run.record().executions()).hasSize(60).allSatisfy(execution -> assertThat(execution.status()).isEqualTo(ExecutionStatus.OK));
                });
                assertThat(startsOf(cutShort)).isEqualTo(2);
                // it knows the finished run's id from sluice.events, though another consumer ran it
                send(new RunBenchmark(quick, DATASET, Optional.of("quick")));
                await().atMost(Duration.ofMinutes(1)).until(() -> readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize).stream()
                        .anyMatch(event -> event instanceof CommandRejected rejected && rejected.runId().equals(quick) && rejected.reason().equals("run id %s was already used".formatted(quick))));
                // and that the dataset was ready in Parquet before the stop: ClickHouse's DatasetReady completes it (sent
                // only now, as its run, waiting for tables no engine has, would hold up the cut-short one)
                sendEvent(new DatasetReady(halfReady, Sink.CLICKHOUSE, List.of("lineitem"), 1, 1, 1, 1));
                await().atMost(Duration.ofMinutes(1)).until(() -> logged.stream()
                        .anyMatch(event -> event.getFormattedMessage().equals("dataset tpch.sf0_07 ready in [PARQUET, CLICKHOUSE]: running plans [late]")));
            }
            assertThat(startsOf(quick)).isEqualTo(1);
        }
    }

    @Test
    void aServiceThatLosesItsPartitionsMidRunAndGetsThemBackNeitherAnswersNorCommitsPastItsOwnRun(@TempDir Path results, @TempDir Path plans)
            throws Exception
    {
        String group = "it-lost-" + System.nanoTime();
        Map<String, String> serviceEnv = serviceEnvironment(results, plans, group);
        Files.writeString(plans.resolve("long.yaml"), "benchmark: tpch\ndatasets: [tpch.sf1]\nengines: [trino]\nqueries: [q01]\nwarmups: 0\nruns: 150\n");
        commitTheEnd(group, Topics.EVENTS, Topics.CONTROL);
        String runId = "it-lost-" + System.nanoTime();
        try (ServiceLog serviceLog = ServiceLog.capture();
                QueryRunnerService service = QueryRunnerService.start(QueryRunnerSettings.fromEnvironment(serviceEnv), new SimpleMeterRegistry());
                Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", env.get("SLUICE_KAFKA_BOOTSTRAP_SERVERS")))) {
            RecordMetadata command = send(new RunBenchmark(runId, DATASET, Optional.of("long")));
            TopicPartition controlPartition = new TopicPartition(command.topic(), command.partition());
            await().atMost(Duration.ofMinutes(1)).until(() -> startsOf(runId) == 1);

            // the group forgets its member, as it does when the member's heartbeats stop for a session (a long pause, a
            // network split): the consumer finds its partitions lost, joins again, is assigned them again and reads the
            // command again
            admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions()).all().get();
            await().atMost(Duration.ofMinutes(1)).until(() -> serviceLog.events().stream().filter(event -> event.getFormattedMessage().startsWith("assigned ")).count() == 2);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(controlPartition), isEqual(new OffsetAndMetadata(command.offset())));
            assertThat(service.completedRuns()).as("the run was still going when its command was read again").isEmpty();

            await().atMost(Duration.ofMinutes(5)).until(() -> !service.completedRuns().isEmpty());
            assertThat(service.completedRuns()).singleElement().satisfies(run -> assertThat(run.record().executions()).hasSize(150));
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(controlPartition), isEqual(new OffsetAndMetadata(command.offset() + 1)));
        }
        assertThat(readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize))
                .noneMatch(event -> event instanceof CommandRejected rejected && rejected.runId().equals(runId));
        assertThat(startsOf(runId)).isEqualTo(1);
    }

    /**
     * What the service logs while a test runs (its threads log while the test reads).
     */
    private record ServiceLog(List<ILoggingEvent> events, AppenderBase<ILoggingEvent> appender)
            implements AutoCloseable
    {
        static ServiceLog capture()
        {
            List<ILoggingEvent> events = new CopyOnWriteArrayList<>();
            AppenderBase<ILoggingEvent> appender = new AppenderBase<>()
            {
                @Override
                protected void append(ILoggingEvent event)
                {
                    events.add(event);
                }
            };
            appender.start();
            logger().addAppender(appender);
            return new ServiceLog(events, appender);
        }

        @Override
        public void close()
        {
            logger().detachAppender(appender);
        }

        private static ch.qos.logback.classic.Logger logger()
        {
            return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(QueryRunnerService.class);
        }
    }

    /**
     * A service's environment without Spark, with its own group, and plans that replace the built-in default ones,
     * which would run every query on every engine here (TpcdsQueriesIT lands a TPC-DS dataset on the same stack).
     */
    private Map<String, String> serviceEnvironment(Path results, Path plans, String group)
            throws IOException
    {
        Files.writeString(plans.resolve("default.yaml"), "benchmark: tpch\ndatasets: [tpch.sf1]\n");
        Files.writeString(plans.resolve("default-tpcds.yaml"), "name: default-tpcds\nbenchmark: tpcds\ndatasets: [tpcds.sf1]\n");
        Map<String, String> serviceEnv = new HashMap<>(env);
        serviceEnv.remove(SparkSettings.SPARK_HOME_ENV);
        serviceEnv.put(QueryRunnerSettings.RESULTS_DIR_ENV, results.toString());
        serviceEnv.put(QueryRunnerSettings.PLANS_DIR_ENV, plans.toString());
        serviceEnv.put(QueryRunnerSettings.GROUP_ID_ENV, group);
        return serviceEnv;
    }

    private long startsOf(String runId)
    {
        return readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize).stream()
                .filter(event -> event instanceof BenchmarkStarted started && started.runId().equals(runId))
                .count();
    }

    private RecordMetadata send(Command command)
            throws Exception
    {
        try (KafkaProducer<String, Command> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", env.get("SLUICE_KAFKA_BOOTSTRAP_SERVERS")), new StringSerializer(), KafkaSerdes.commands().serializer())) {
            return producer.send(new ProducerRecord<>(Topics.CONTROL, command.runId(), command)).get();
        }
    }

    private void sendEvent(PipelineEvent event)
            throws Exception
    {
        try (KafkaProducer<String, PipelineEvent> producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", env.get("SLUICE_KAFKA_BOOTSTRAP_SERVERS")), new StringSerializer(), KafkaSerdes.events().serializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, event.key(), event)).get();
        }
    }

    /**
     * Commits {@code group}'s offsets at the current end of {@code topics}.
     */
    private void commitTheEnd(String group, String... topics)
            throws Exception
    {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", env.get("SLUICE_KAFKA_BOOTSTRAP_SERVERS")))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topics)).allTopicNames().get().values()
                    .forEach(topic -> topic.partitions().forEach(partition -> latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, offset) -> end.put(partition, new OffsetAndMetadata(offset.offset())));
            admin.alterConsumerGroupOffsets(group, end).all().get();
        }
    }

    private long notLandedRejections(String runId)
    {
        return readAll(Topics.EVENTS, KafkaSerdes.events().deserializer()::deserialize).stream()
                .filter(event -> event instanceof CommandRejected rejected && rejected.runId().equals(runId)
                        && rejected.reason().startsWith("trino shows none of the tables of dataset tpch.sf3, so every query would fail"))
                .count();
    }

    /**
     * Trino's own account of a query ({@code GET /v1/query/<id>}), kept by the coordinator for minutes after it ends.
     */
    private JsonNode trinoQueryInfo(String queryId)
            throws Exception
    {
        URI uri = URI.create(settings.trino().jdbcUrl().replaceFirst("^jdbc:trino://", "http://") + "/v1/query/" + queryId);
        // HTTP/1.1, as Trino's own clients speak: the JDK client's default h2c upgrade once read a 3.8 MB answer as an
        // HTTP/2 frame ("Frame type(34) length(3813420) exceeds MAX_FRAME_SIZE") on a fresh-clone suite
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).header("X-Trino-User", settings.trino().user()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
            return new ObjectMapper().readTree(response.body());
        }
    }

    private String trinoState(String queryId)
            throws Exception
    {
        try (var connection = DriverManager.getConnection(settings.trino().jdbcUrl(), settings.trino().user(), settings.trino().password().orElse(null));
                var statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT state FROM system.runtime.queries WHERE query_id = '%s'".formatted(queryId))) {
            return resultSet.next() ? resultSet.getString(1) : "";
        }
    }

    private static long count(String jdbcUrl, String sql)
            throws Exception
    {
        try (var connection = DriverManager.getConnection(jdbcUrl, "default", "");
                var statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            return resultSet.getLong(1);
        }
    }

    private <T> List<T> readAll(String topic, java.util.function.BiFunction<String, byte[], T> decode)
    {
        List<T> values = new ArrayList<>();
        TopicReplay.readToEnd(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.get("SLUICE_KAFKA_BOOTSTRAP_SERVERS")), topic, Duration.ofMinutes(1), record -> {
            try {
                values.add(decode.apply(topic, record.value()));
            }
            catch (RuntimeException ignored) {
                // other services' messages of other types
            }
        });
        return values;
    }

    /** Measured (not warm-up) executions by [engine, query], as the duration histogram labels them. */
    private static Map<List<String>, Long> measuredPerEngineAndQuery(RunResult run)
    {
        return run.record().executions().stream()
                .filter(execution -> !execution.warmup())
                .collect(Collectors.groupingBy(execution -> List.of(execution.engine().name().toLowerCase(Locale.ROOT), execution.query()), Collectors.counting()));
    }

    private static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void printFigures(List<Execution> executions)
    {
        Function<Engine, String> line = engine -> executions.stream()
                .filter(execution -> execution.engine() == engine && !execution.warmup())
                .map(execution -> "%s=%d".formatted(execution.query(), execution.wallMs()))
                .reduce((a, b) -> a + " " + b).orElse("");
        System.out.println("measured ms trino: " + line.apply(Engine.TRINO));
        System.out.println("measured ms clickhouse: " + line.apply(Engine.CLICKHOUSE));
        System.out.println("measured ms spark: " + line.apply(Engine.SPARK));
        executions.stream().filter(execution -> execution.status() != ExecutionStatus.OK)
                .forEach(execution -> System.out.println("NOT OK " + execution.engine() + " " + execution.query() + " " + execution.status() + ": " + execution.error().orElse("")));
    }
}
