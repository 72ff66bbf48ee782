package io.sluice.cli;

import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.ops.ScrapedMetrics;
import io.sluice.schema.command.RunFault;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.FaultCleared;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.table.TableSchemas;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
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
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sluice run} as a user runs it: TPC-H and TPC-DS at their smallest scale through the whole pipeline, then
 * every table counted where it landed — Parquet through Trino's hive catalog and ClickHouse tables — against the
 * reference generator Trino ships ({@code tpch.tiny}, {@code tpcds.tiny} are scale factor 0.01). The TPC-DS run
 * lands under faults ({@code --fault}: Kafka killed, the S3 store down for 10 s, ClickHouse slowed), so its counts
 * prove that nothing was lost or duplicated across them; a benchmark with ClickHouse killed records the failures
 * and the recovery. One stack serves all.
 */
class CliRunIT {
    private static final Map<String, Long> TPCH_SF_0_01 = Map.of(
            "lineitem", 60175L, "orders", 15000L, "customer", 1500L, "part", 2000L,
            "partsupp", 8000L, "supplier", 100L, "nation", 25L, "region", 5L);

    @TempDir
    static Path runDir;

    private static StackStatus stack;

    private static CliRun tpch;

    private static CliRun tpcds;

    /** The last scrape of the tpch run's {@code --metrics-port}, taken while it ran. */
    private static String lastScrape;

    @RegisterExtension
    final StoppedCommands commands = new StoppedCommands();

    @BeforeAll
    static void runTheMainJobTwice() throws IOException {
        // A short plan: every engine and the whole benchmark path, while the 22 queries are the query runner's own IT.
        Path plan = Files.writeString(runDir.resolve("smoke.yaml"), """
                name: smoke
                benchmark: tpch
                engines: [trino, clickhouse, spark]
                queries: [q1, q6]
                warmups: 0
                runs: 1
                """);
        int metricsPort = freePort();
        AtomicReference<String> scraped = new AtomicReference<>("");
        Thread scraper = Thread.ofVirtual().start(() -> scrapeUntilInterrupted(URI.create("http://127.0.0.1:%d/metrics".formatted(metricsPort)), scraped));
        try {
            tpch = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--timeout", "600",
                    "--plan", plan.toString(), "--metrics-port", String.valueOf(metricsPort));
        }
        finally {
            scraper.interrupt();
        }
        lastScrape = scraped.get();
        // the second one under faults: Kafka killed while it generates, the S3 store down and ClickHouse slowed while it lands
        tpcds = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpcds", "--scale-factor", "0.01", "--timeout", "600",
                "--no-benchmark", "--fault", "kafka:kill@generate/1s+5s", "--fault", "s3:outage@ingest/5s+10s", "--fault", "clickhouse:slow@ingest/0s+10s");
        for (CliRun run : List.of(tpch, tpcds)) {
            assertThat(run.exitCode()).as("run: %s%s", run.out(), run.err()).isZero();
            assertThat(run.out()).contains("verified in every sink").contains("land parquet").contains("land clickhouse");
        }
        stack = LocalStack.status(runDir).orElseThrow();
    }

    @Test
    void theBenchmarkStepRunsOnEveryEngineAndEndsWithItsReport() throws IOException {
        String reportLine = tpch.out().lines().filter(line -> line.startsWith("report: ")).reduce((first, last) -> last).orElseThrow();
        Path report = Path.of(reportLine.substring("report: ".length()));
        assertThat(Files.readString(report)).contains("<svg").contains("trino").contains("clickhouse").contains("spark");
        List<String> csv = Files.readAllLines(report.resolveSibling("results.csv"));
        assertThat(csv.getFirst()).startsWith("engine,query,run,").contains("status").contains("wall_ms").contains("rows").contains("validated");
        assertThat(csv.subList(1, csv.size())).hasSize(6).allSatisfy(row -> assertThat(row).contains(",ok,").contains("true"));
    }

    @Test
    void theRunServesTheMetricsOfEveryStageOnItsMetricsPort() {
        ScrapedMetrics scraped = ScrapedMetrics.parse(lastScrape);
        double rows = TPCH_SF_0_01.values().stream().mapToLong(Long::longValue).sum();
        assertThat(scraped.sum("sluice_rows_produced_total", Map.of("dataset", "tpch.sf0_01"))).isEqualTo(rows);
        assertThat(scraped.sum("sluice_rows_landed_total", Map.of("dataset", "tpch.sf0_01", "sink", "parquet"))).isEqualTo(rows);
        assertThat(scraped.sum("sluice_rows_landed_total", Map.of("dataset", "tpch.sf0_01", "sink", "clickhouse"))).isEqualTo(rows);
        // engine after engine: trino's and clickhouse's executions were over while spark's ran and the endpoint served
        for (String engine : List.of("trino", "clickhouse")) {
            for (String query : List.of("q01", "q06")) {
                assertThat(scraped.sum("sluice_query_duration_seconds", Map.of("engine", engine, "query", query, "status", "ok"))).as("%s %s", engine, query).isEqualTo(1);
            }
        }
    }

    @AfterAll
    static void down() {
        LocalStack.down(runDir);
    }

    @Test
    void tpchTablesHoldTheSpecifiedRowCountsInBothSinks() throws Exception {
        try (Connection trino = trino(); Statement statement = trino.createStatement()) {
            for (String table : TableSchemas.tables(Benchmark.TPCH)) {
                long expected = TPCH_SF_0_01.get(table);
                assertThat(SinkCounts.count(statement, "SELECT count(*) FROM tpch.tiny." + table)).as("reference %s", table).isEqualTo(expected);
                assertThat(SinkCounts.count(statement, "SELECT count(*) FROM hive.tpch_sf0_01." + table)).as("parquet %s", table).isEqualTo(expected);
                assertThat(SinkCounts.clickhouseCount(stack, "tpch_sf0_01." + table)).as("clickhouse %s", table).isEqualTo(expected);
            }
        }
    }

    @Test
    void tpcdsTablesHoldTheReferenceRowCountsInBothSinks() throws Exception {
        try (Connection trino = trino(); Statement statement = trino.createStatement()) {
            for (String table : TableSchemas.tables(Benchmark.TPCDS)) {
                long expected = SinkCounts.count(statement, "SELECT count(*) FROM tpcds.tiny." + table);
                assertThat(SinkCounts.count(statement, "SELECT count(*) FROM hive.tpcds_sf0_01." + table)).as("parquet %s", table).isEqualTo(expected);
                assertThat(SinkCounts.clickhouseCount(stack, "tpcds_sf0_01." + table)).as("clickhouse %s", table).isEqualTo(expected);
            }
        }
    }

    @Test
    void theRunUnderFaultsProvedEveryChunkExactAndRecordedTheFaults() throws IOException {
        assertThat(tpcds.out()).contains("exact after the faults");
        Map<String, Map<String, String>> faults = faultsByTarget(Path.of(lastLine(tpcds, "faults: ")));
        assertThat(faults.keySet()).containsExactlyInAnyOrder("kafka", "s3", "clickhouse");
        faults.values().forEach(fault -> assertThat(fault).containsEntry("error", ""));
        assertThat(faults.get("kafka")).containsEntry("phase", "generate");
        assertThat(List.of(faults.get("s3"), faults.get("clickhouse"))).allSatisfy(fault -> assertThat(fault).containsEntry("phase", "ingest"));
        assertThat(window(faults.get("kafka"))).isGreaterThanOrEqualTo(5_000);
        // the generator commits nothing while the broker is down (rows it encodes meanwhile wait in its producer)
        assertThat(Long.parseLong(faults.get("kafka").get("recovery_ms"))).as("recovery after Kafka's outage").isGreaterThanOrEqualTo(5_000);
        assertThat(window(faults.get("s3"))).isGreaterThanOrEqualTo(10_000);
        assertThat(faults.get("clickhouse")).as("the ClickHouse lander's inserts went through the proxy the fault slowed").containsEntry("kind", "slow");
        assertThat(faults.get("s3").get("recovery_ms")).as("rows landed after the S3 store came back").isNotEmpty();
        // nothing lands in every sink while Parquet cannot be written
        // (its window also counts the wait until the stack sees the store healthy again, which a lander may beat)
        assertThat(Long.parseLong(faults.get("s3").get("recovery_ms"))).as("recovery after the S3 store's outage").isGreaterThanOrEqualTo(10_000);
        // announced on sluice.events although Kafka itself was down when its fault was injected
        assertThat(events()).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(FaultInjected.class,
                        injected -> assertThat(injected.target()).isEqualTo("kafka")))
                .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(FaultCleared.class,
                        cleared -> assertThat(cleared.target()).isEqualTo("s3")));
    }

    @Test
    void clickHouseKilledDuringTheBenchmarkFailsQueriesThatRecover() throws Exception {
        Path plan = Files.writeString(runDir.resolve("clickhouse-loop.yaml"), """
                name: clickhouse-loop
                benchmark: tpch
                engines: [clickhouse]
                queries: [q1, q6]
                warmups: 0
                runs: 400
                timeout: 30s
                """);
        CliRun run = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--timeout", "600",
                "--plan", plan.toString(), "--fault", "clickhouse:kill@benchmark/1s+3s");

        assertThat(run.exitCode()).as("queries failed while ClickHouse was down: %s", run.out()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        Path report = Path.of(lastLine(run, "report: "));
        Map<String, Map<String, String>> faults = faultsByTarget(report.resolveSibling("faults.csv"));
        assertThat(faults).hasSize(1);
        Map<String, String> fault = faults.get("clickhouse");
        assertThat(fault).containsEntry("target", "clickhouse").containsEntry("phase", "benchmark").containsEntry("error", "");
        // a query on a stopped ClickHouse fails in milliseconds: the next one waits for it to answer again (EngineOutage)
        // rather than failing through the plan's 800 executions (221 of them did before)
        assertThat(Integer.parseInt(fault.get("queries_failed"))).as("queries that failed while ClickHouse was down").isBetween(1, 10);
        assertThat(Long.parseLong(fault.get("recovery_ms"))).as("no query succeeds while it is down").isGreaterThanOrEqualTo(3_000);
        List<String> results = Files.readAllLines(report.resolveSibling("results.csv"));
        assertThat(results.getLast()).as("the last query ran after the restart").contains(",ok,");
    }

    @Test
    void aFaultCommandAsksTheQueryRunnerOfACluster() {
        assertThat(CliRun.execute("up", "--run-dir", runDir.toString(), "--servers", "kafka").exitCode()).isZero();
        CliRun bad = CliRun.execute("fault", "--run-dir", runDir.toString(), "clickhouse:explode@benchmark");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown kind 'explode'; kinds: kill, pause, slow, loss, outage");

        CliRun sent = CliRun.execute("fault", "--run-dir", runDir.toString(), "--run-id", "chaos-1", "--wait", "1", "parquet-lander:kill@ingest/30s");

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out().strip()).isEqualTo("chaos-1");
        assertThat(sent.err()).as("no query runner runs here").contains("no answer from a query runner within 1 s: the fault starts 30 s after one reads it")
                .contains("this Kafka is the local stack's: on one machine, 'sluice run --fault parquet-lander:kill@ingest/30s' breaks the stack's servers during a run");
        assertThat(read(Topics.CONTROL, KafkaSerdes.commands().deserializer())).contains(
                new RunFault("chaos-1", "parquet-lander", FaultKind.KILL, FaultPhase.INGEST, Optional.of(30_000L), Optional.of(10_000L)));
    }

    @Test
    void aSecondRunOfTheSameDatasetFindsItReadyAndWritesNothingNew() {
        CliRun again = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--timeout", "120",
                "--no-benchmark");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already in Kafka").contains("verified in every sink");
    }

    @Test
    void aRunOrGenerateOfTheSameDatasetWithOtherTablesIsRefusedAndSaysHowToStartAfresh() {
        CliRun other = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--tables", "nation",
                "--no-benchmark");

        assertThat(other.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(other.err()).contains("tpch.sf0_01 was planned with tables [customer, orders, lineitem, part, partsupp, supplier, nation, region]")
                .contains("this run asks for tables [nation]")
                .contains("run 'sluice down' first");

        CliRun generate = CliRun.execute("generate", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--tables", "nation");

        assertThat(generate.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(generate.err()).contains("this run asks for tables [nation]")
                .contains("here, 'sluice down' and 'sluice up' give a stack without any dataset, or generate into a stack of its own with --run-dir");
    }

    @Test
    void generateStoppedBySigtermEndsAfterASubChunkAndTheSameCommandGoesOn() throws Exception {
        String topic = Topics.rows(DatasetId.parse("tpch.sf1"), "orders");
        String[] generate = {"generate", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "1", "--tables", "orders", "--sub-chunk-rows", "10000"};
        List<String> child = new ArrayList<>(List.of("cli"));
        child.addAll(List.of(generate));
        Process first = commands.launch(child.toArray(String[]::new));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> endOffsets(topic, "read_committed").values().stream().anyMatch(end -> end > 0));
        StoppedCommands.terminate(first);
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(new String(first.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("sluice generate: tpch.sf1: stopped on request before orders part 1/1 sub-chunk ")
                .contains("the sub-chunks committed so far stay in Kafka");
        // no transaction was left open: read_committed consumers see to the end at once, not after its timeout
        assertThat(endOffsets(topic, "read_committed")).isEqualTo(endOffsets(topic, "read_uncommitted"));

        CliRun again = CliRun.execute(generate);
        assertThat(again.exitCode()).as(again.err()).isZero();
        Matcher summary = Pattern.compile("tpch\\.sf1: ([0-9,]+) rows .* in ([0-9]+) sub-chunks \\(([0-9]+) already there\\)").matcher(again.out());
        assertThat(summary.find()).as(again.out()).isTrue();
        int generated = Integer.parseInt(summary.group(2));
        int before = Integer.parseInt(summary.group(3));
        // the first run committed some of the 150 sub-chunks of 10,000 rows, the second the rest
        assertThat(before).isPositive();
        assertThat(generated + before).isEqualTo(150);
        assertThat(summary.group(1)).isEqualTo("%,d".formatted(generated * 10_000));
    }

    @Test
    void aRunStoppedWhileItsTrackerWaitsOutAKilledOneLeavesTheLandersGroups(@TempDir Path trackerState) throws Exception {
        String tracker = TrackerSettings.DEFAULT_APPLICATION_ID;
        LanderSettings landers = LanderSettings.fromEnvironment(Map.of(LanderSettings.SOURCES_ENV, "tpch"));
        List<String> groups = new ArrayList<>(List.of(tracker));
        SinkServices.available().forEach(sink -> groups.add(landers.groupIdFor(sink)));
        List<String> landerGroups = groups.subList(1, groups.size());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoint("kafka", "bootstrapServers")))) {
            Process run = null;
            try {
                // a killed tracker stays in the group for its session (20-30 s here, as it heartbeats every 10 s), and
                // the next run's tracker waits that out before it runs
                Process killed = commands.launch(Map.of(KafkaClientSettings.SESSION_TIMEOUT_ENV, "30000", TrackerSettings.STATE_DIR_ENV, trackerState.toString()),
                        "cli", "ingest", "tracker", "--run-dir", runDir.toString());
                await().atMost(Duration.ofMinutes(1)).until(() -> group(admin, tracker).groupState() == GroupState.STABLE);
                killed.destroyForcibly();
                killed.waitFor();

                // sessions longer than the test: a member of this run that does not leave its group stays in it throughout
                run = commands.launch(Map.of(KafkaClientSettings.SESSION_TIMEOUT_ENV, "120000"),
                        "cli", "run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--no-benchmark");
                await("the landers joined while the run's tracker waits").atMost(Duration.ofSeconds(20)).until(() -> {
                    Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get();
                    return described.get(tracker).groupState() == GroupState.PREPARING_REBALANCE
                            && landerGroups.stream().noneMatch(id -> described.get(id).members().isEmpty());
                });
                StoppedCommands.terminate(run);
                assertThat(run.waitFor(1, TimeUnit.MINUTES)).isTrue();

                assertThat(admin.describeConsumerGroups(landerGroups).all().get().values()).allSatisfy(group -> assertThat(group.members()).as(group.groupId()).isEmpty());
                String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(err).containsSubsequence("sluice run: stopping; taking the landers and the tracker out of their Kafka groups first", "sluice run stopped before it finished")
                        .doesNotContain("error:");
            } finally {
                // members left by a failure here would hold up this class's next runs for their sessions
                if (run != null) {
                    run.destroyForcibly().waitFor();
                }
                for (String id : groups) {
                    if (!group(admin, id).members().isEmpty()) {
                        admin.removeMembersFromConsumerGroup(id, new RemoveMembersFromConsumerGroupOptions()).all().get();
                    }
                }
            }
        }
    }

    private static ConsumerGroupDescription group(Admin admin, String id) throws Exception {
        return admin.describeConsumerGroups(List.of(id)).all().get().get(id);
    }

    private static Map<TopicPartition, Long> endOffsets(String topic, String isolation) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoint("kafka", "bootstrapServers"),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            return consumer.endOffsets(consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList());
        }
    }

    private static long window(Map<String, String> fault) {
        return Long.parseLong(fault.get("cleared_ms")) - Long.parseLong(fault.get("injected_ms"));
    }

    private static List<PipelineEvent> events() {
        return read(Topics.EVENTS, KafkaSerdes.events().deserializer());
    }

    /** Every committed record of a topic, from the start to its end now. */
    private static <T> List<T> read(String topic, Deserializer<T> values) {
        StackStatus stack = LocalStack.status(runDir).orElseThrow();
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoint("kafka", "bootstrapServers"),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<T> events = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofSeconds(1)).forEach(record -> events.add(record.value()));
            }
        }
        return events;
    }

    private static String lastLine(CliRun run, String prefix) {
        return run.out().lines().filter(line -> line.startsWith(prefix)).reduce((first, last) -> last)
                .map(line -> line.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no line starting with '%s' in:%n%s%s".formatted(prefix, run.out(), run.err())));
    }

    private static Map<String, Map<String, String>> faultsByTarget(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> columns = List.of(lines.getFirst().split(","));
        assertThat(columns).contains("target", "kind", "phase", "injected_ms", "cleared_ms", "recovery_ms", "queries_failed");
        Map<String, Map<String, String>> faults = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                row.put(columns.get(i), values[i]);
            }
            faults.put(row.get("target"), row);
        }
        return faults;
    }

    private static void scrapeUntilInterrupted(URI metrics, AtomicReference<String> last) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    HttpResponse<String> response = client.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        last.set(response.body());
                    }
                }
                catch (IOException e) {
                    // not serving yet, or no longer
                }
                Thread.sleep(250);
            }
        }
        catch (InterruptedException e) {
            // the run ended
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Connection trino() throws SQLException {
        return DriverManager.getConnection(stack.endpoint("trino", "jdbcUrl"), "sluice", null);
    }
}
