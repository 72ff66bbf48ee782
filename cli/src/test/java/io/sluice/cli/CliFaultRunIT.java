package io.sluice.cli;

import io.sluice.schema.command.RunFault;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.event.FaultCleared;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.topic.Topics;
import io.sluice.schema.table.TableSchemas;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice run --fault} as a user runs it: Kafka killed while TPC-H is landed, the S3 store down for 20 s while
 * TPC-DS is landed, ClickHouse killed during a benchmark. After each ingest fault the run must still prove every
 * chunk exact, and every table must hold the reference row counts ({@code tpch.tiny}, {@code tpcds.tiny}) in both
 * sinks; {@code faults.csv} must say when each fault was in effect.
 */
class CliFaultRunIT {
    @TempDir
    static Path runDir;

    @AfterAll
    static void down() {
        LocalStack.down(runDir);
    }

    @Test
    void kafkaKilledDuringIngestionLosesAndDuplicatesNothing() throws Exception {
        CliRun run = run("tpch", "--no-benchmark", "--fault", "kafka:kill@ingest/1s+5s");

        assertThat(run.out()).contains("exact after the faults").contains("fault kafka:kill@ingest/1s+5s: in effect for");
        Map<String, String> fault = onlyFault(faultsCsv(run));
        assertThat(fault).containsEntry("target", "kafka").containsEntry("kind", "kill").containsEntry("phase", "ingest").containsEntry("error", "");
        assertThat(Long.parseLong(fault.get("cleared_ms")) - Long.parseLong(fault.get("injected_ms"))).isGreaterThanOrEqualTo(5_000);
        assertThat(fault.get("recovery_ms")).as("rows landed after Kafka came back").isNotEmpty();
        assertEveryTableMatchesTheReference(Benchmark.TPCH, "tpch", "tpch_sf0_01");
        // announced on sluice.events although Kafka itself was down when the fault was injected
        assertThat(events()).anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(FaultInjected.class,
                        injected -> assertThat(injected.target()).isEqualTo("kafka")))
                .anySatisfy(event -> assertThat(event).isInstanceOfSatisfying(FaultCleared.class,
                        cleared -> assertThat(cleared.target()).isEqualTo("kafka")));
    }

    @Test
    void anS3OutageAndASlowClickHouseDuringLandingLoseAndDuplicateNothing() throws Exception {
        CliRun run = run("tpcds", "--no-benchmark", "--fault", "s3:outage@ingest/2s+20s", "--fault", "clickhouse:slow@ingest/0s+10s");

        assertThat(run.out()).contains("exact after the faults");
        Map<String, Map<String, String>> faults = faultsByTarget(faultsCsv(run));
        assertThat(faults.keySet()).containsExactlyInAnyOrder("s3", "clickhouse");
        Map<String, String> outage = faults.get("s3");
        assertThat(outage).containsEntry("kind", "outage").containsEntry("error", "");
        assertThat(Long.parseLong(outage.get("cleared_ms")) - Long.parseLong(outage.get("injected_ms"))).isGreaterThanOrEqualTo(20_000);
        // the ClickHouse lander's inserts went through the proxy the fault slowed
        assertThat(faults.get("clickhouse")).containsEntry("kind", "slow").containsEntry("error", "");
        assertEveryTableMatchesTheReference(Benchmark.TPCDS, "tpcds", "tpcds_sf0_01");
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
        Map<String, String> fault = onlyFault(report.resolveSibling("faults.csv"));
        assertThat(fault).containsEntry("target", "clickhouse").containsEntry("phase", "benchmark").containsEntry("error", "");
        assertThat(Integer.parseInt(fault.get("queries_failed"))).isPositive();
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

        CliRun sent = CliRun.execute("fault", "--run-dir", runDir.toString(), "--run-id", "chaos-1", "parquet-lander:kill@ingest/30s");

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out().strip()).isEqualTo("chaos-1");
        assertThat(read(Topics.CONTROL, KafkaSerdes.commands().deserializer())).contains(
                new RunFault("chaos-1", "parquet-lander", FaultKind.KILL, FaultPhase.INGEST, Optional.of(30_000L), Optional.of(10_000L)));
    }

    private static CliRun run(String benchmark, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--run-dir", runDir.toString(), "--benchmark", benchmark,
                "--scale-factor", "0.01", "--timeout", "600"));
        args.addAll(Arrays.asList(more));
        CliRun run = CliRun.execute(args.toArray(String[]::new));
        assertThat(run.exitCode()).as("run: %s%s", run.out(), run.err()).isZero();
        return run;
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

    private static Path faultsCsv(CliRun run) {
        return Path.of(lastLine(run, "faults: "));
    }

    private static String lastLine(CliRun run, String prefix) {
        return run.out().lines().filter(line -> line.startsWith(prefix)).reduce((first, last) -> last)
                .map(line -> line.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no line starting with '%s' in:%n%s%s".formatted(prefix, run.out(), run.err())));
    }

    private static Map<String, String> onlyFault(Path csv) throws IOException {
        Map<String, Map<String, String>> faults = faultsByTarget(csv);
        assertThat(faults).as("one fault").hasSize(1);
        return faults.values().iterator().next();
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

    private static void assertEveryTableMatchesTheReference(Benchmark benchmark, String catalog, String database) throws Exception {
        StackStatus stack = LocalStack.status(runDir).orElseThrow();
        try (Connection trino = DriverManager.getConnection(stack.endpoint("trino", "jdbcUrl"), "sluice", null);
                Statement statement = trino.createStatement()) {
            for (String table : TableSchemas.tables(benchmark)) {
                long expected = SinkCounts.count(statement, "SELECT count(*) FROM %s.tiny.%s".formatted(catalog, table));
                assertThat(SinkCounts.count(statement, "SELECT count(*) FROM hive.%s.%s".formatted(database, table))).as("parquet %s", table).isEqualTo(expected);
                assertThat(SinkCounts.clickhouseCount(stack, database + "." + table)).as("clickhouse %s", table).isEqualTo(expected);
            }
        }
    }
}
