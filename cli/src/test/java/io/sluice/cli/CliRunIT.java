package io.sluice.cli;

import io.sluice.ops.ScrapedMetrics;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.table.TableSchemas;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice run} as a user runs it: TPC-H and TPC-DS at their smallest scale through the whole pipeline, then
 * every table counted where it landed — Parquet through Trino's hive catalog and ClickHouse tables — against the
 * reference generator Trino ships ({@code tpch.tiny}, {@code tpcds.tiny} are scale factor 0.01).
 */
class CliRunIT {
    private static final Map<String, Long> TPCH_SF_0_01 = Map.of(
            "lineitem", 60175L, "orders", 15000L, "customer", 1500L, "part", 2000L,
            "partsupp", 8000L, "supplier", 100L, "nation", 25L, "region", 5L);

    @TempDir
    static Path runDir;

    private static StackStatus stack;

    private static CliRun tpch;

    /** The last scrape of the tpch run's {@code --metrics-port}, taken while it ran. */
    private static String lastScrape;

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
        CliRun tpcds = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpcds", "--scale-factor", "0.01", "--timeout", "600",
                "--no-benchmark");
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
    void aSecondRunOfTheSameDatasetFindsItReadyAndWritesNothingNew() {
        CliRun again = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--timeout", "120",
                "--no-benchmark");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already in Kafka").contains("verified in every sink");
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
