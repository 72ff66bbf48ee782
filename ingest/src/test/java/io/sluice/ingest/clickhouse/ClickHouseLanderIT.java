package io.sluice.ingest.clickhouse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.clickhouse.ClickHouseLoader;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.Artifacts;
import io.sluice.stack.ProcessLauncher;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.StackStatus;
import io.sluice.stack.clickhouse.ClickHouseServerKind;
import io.sluice.stack.junit.StackServers;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ClickHouse lander on the real stack, over TPC-H sf0.01 from the real generator: landed exactly, exactly
 * again after its process is SIGKILLed mid-run and restarted, and after ClickHouse (a server of the test's own,
 * on a data dir it keeps) is killed mid-run and restarted. Each test lands into its own databases
 * (a prefix) with its own consumer group and events topic, from the same row topics.
 */
@StackServers({"kafka", "clickhouse"})
class ClickHouseLanderIT
{
    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(3);

    private static String bootstrap;
    private static String jdbcUrl;
    private static List<ChunkProduced> produced;

    @BeforeAll
    static void generate(StackStatus stack)
    {
        bootstrap = stack.endpoint("kafka", "bootstrapServers");
        jdbcUrl = stack.endpoint("clickhouse", "jdbcUrl");
        produced = TpchTiny.generate(bootstrap);
    }

    @Test
    void landsTpchExactlyOnce()
    {
        LandingCheck check = check("exact");
        ClickHouseSettings clickHouse = clickHouse("exact_");
        try (RunningLander lander = ClickHouseLander.run(lander("exact"), clickHouse, new SimpleMeterRegistry());
                ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            List<ChunkLanded> landed = check.awaitAllLanded(LANDING_TIMEOUT);

            assertThat(lander.failure()).isEmpty();
            check.assertExact(tables, landed);
        }
    }

    @Test
    void landsExactlyAfterTheLanderIsKilledMidRunAndRestarted(@TempDir Path logs)
            throws Exception
    {
        LandingCheck check = check("killed");
        ClickHouseSettings clickHouse = clickHouse("killed_");
        try (ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            Process first = startChild("killed", logs.resolve("first.log"));
            long landedAtKill;
            try {
                landedAtKill = Awaitility.await("first rows landed").atMost(LANDING_TIMEOUT).pollInterval(Duration.ofMillis(20))
                        .until(() -> landedRows(tables), rows -> rows > 0);
            }
            finally {
                first.destroyForcibly().waitFor();
            }
            long total = TpchTiny.ROWS.values().stream().mapToLong(Long::longValue).sum();
            assertThat(landedAtKill).as("killed mid-run (log: %s)", logs.resolve("first.log")).isLessThan(total);

            Process second = startChild("killed", logs.resolve("second.log"));
            try {
                List<ChunkLanded> landed = check.awaitAllLanded(LANDING_TIMEOUT);
                check.assertExact(tables, landed);
            }
            finally {
                second.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void landsExactlyThroughAClickHouseCrashAndRestart(@TempDir Path dataDir)
    {
        ClickHouseServerKind kind = new ClickHouseServerKind();
        RunningServer server = kind.start(serverContext(dataDir));
        try (TcpForwarder forwarder = new TcpForwarder(httpPort(server))) {
            LandingCheck check = check("restart");
            ClickHouseSettings clickHouse = ClickHouseSettings.defaults("jdbc:clickhouse://127.0.0.1:%d/default".formatted(forwarder.port()), "default", "")
                    .withBatchRows(10_000);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (RunningLander lander = ClickHouseLander.run(lander("restart"), clickHouse, registry);
                    ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
                Awaitility.await("first rows landed").atMost(LANDING_TIMEOUT).pollInterval(Duration.ofMillis(20))
                        .until(() -> landedRows(tables), rows -> rows > 0);
                // no grace: ClickHouse dies as in a crash, possibly inside an insert
                server.process().stop(Duration.ZERO);
                Awaitility.await("the lander saw ClickHouse fail").atMost(Duration.ofMinutes(1))
                        .until(() -> registry.get("sluice.retries").counter().count() > 0);
                server = kind.start(serverContext(dataDir));
                forwarder.retarget(httpPort(server));

                List<ChunkLanded> landed = check.awaitAllLanded(LANDING_TIMEOUT);
                assertThat(lander.failure()).isEmpty();
                // a new client: the old one's pooled connections died with the first server
                ClickHouseSettings restarted = ClickHouseSettings.defaults(server.endpoints().get(ClickHouseServerKind.JDBC_URL), "default", "");
                try (ClickHouseLoader after = new ClickHouseLoader(restarted.connection(), restarted.ddl())) {
                    check.assertExact(after, landed);
                }
            }
        }
        finally {
            server.process().stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void benchmarksTheLanderAgainstTheCeilingOnTheSameRows()
            throws InterruptedException
    {
        ClickHouseSettings clickHouse = clickHouse("");
        ClickHouseLanderBenchmark.Result result = ClickHouseLanderBenchmark.run(lander("bench"), clickHouse, TpchTiny.DATASET, TpchTiny.ROWS, "it", LANDING_TIMEOUT);

        long total = TpchTiny.ROWS.values().stream().mapToLong(Long::longValue).sum();
        assertThat(result.lander().rows()).isEqualTo(total);
        assertThat(result.ceiling().rows()).isEqualTo(total);
        try (ClickHouseLoader ceiling = new ClickHouseLoader(clickHouse.connection(), clickHouse.withDatabasePrefix("bench_it_ceiling_").ddl())) {
            TpchTiny.ROWS.forEach((table, rows) -> assertThat(ceiling.count(TpchTiny.DATASET, table)).as("ceiling rows of %s", table).isEqualTo(rows));
        }
        assertThat(result.lander().rowsPerCpuSecond()).isPositive();
        assertThat(result.efficiency()).isPositive();
        System.out.println(result);
    }

    private static int httpPort(RunningServer server)
    {
        return URI.create(server.endpoints().get(ClickHouseServerKind.HTTP_URL)).getPort();
    }

    private static ServerContext serverContext(Path dataDir)
    {
        return new ServerContext(dataDir, Artifacts.fromEnvironment(), ProcessLauncher.attached(), Map.of(), OptionalInt.empty(), "sluice", Duration.ofMinutes(3));
    }

    private static long landedRows(ClickHouseLoader tables)
    {
        long rows = 0;
        for (String table : TpchTiny.ROWS.keySet()) {
            try {
                rows += tables.count(TpchTiny.DATASET, table);
            }
            catch (RuntimeException e) {
                // not created yet
            }
        }
        return rows;
    }

    private static Process startChild(String name, Path log)
            throws IOException
    {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx512m",
                "-cp", System.getProperty("java.class.path"),
                ClickHouseLanderMain.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                KafkaClientSettings.BOOTSTRAP_SERVERS_ENV, bootstrap,
                LanderSettings.SOURCES_ENV, TpchTiny.DATASET.toString(),
                LanderSettings.GROUP_ID_ENV, "it-clickhouse-" + name,
                LanderSettings.EVENTS_TOPIC_ENV, eventsTopic(name),
                LanderSettings.RETRY_BACKOFF_MIN_ENV, "100",
                LanderSettings.RETRY_BACKOFF_MAX_ENV, "1000",
                ClickHouseSettings.URL_ENV, jdbcUrl,
                ClickHouseSettings.BATCH_ROWS_ENV, "10000",
                ClickHouseSettings.DATABASE_PREFIX_ENV, name + "_"));
        Files.createDirectories(log.getParent());
        return builder.start();
    }

    private static LandingCheck check(String name)
    {
        Events.createTopic(bootstrap, eventsTopic(name));
        return new LandingCheck(bootstrap, eventsTopic(name), produced);
    }

    private static String eventsTopic(String name)
    {
        return "it.clickhouse." + name + ".events";
    }

    private static LanderSettings lander(String name)
    {
        LanderSettings defaults = LanderSettings.defaults(KafkaClientSettings.plaintext(bootstrap), List.of(TpchTiny.DATASET.toString()));
        return new LanderSettings(defaults.kafka(), defaults.sources(), Optional.of("it-clickhouse-" + name), defaults.transactionalId(),
                defaults.batchRows(), defaults.batchBytes(), defaults.maxOpenBatches(), Duration.ofMillis(100), Duration.ofSeconds(1),
                defaults.dlqTopic(), eventsTopic(name), defaults.topicRefresh());
    }

    private static ClickHouseSettings clickHouse(String prefix)
    {
        return ClickHouseSettings.defaults(jdbcUrl, "default", "").withBatchRows(10_000).withDatabasePrefix(prefix);
    }
}
