package io.sluice.cli;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.table.TableSchemas;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

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
        tpch = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--timeout", "600",
                "--plan", plan.toString());
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

    private static Connection trino() throws SQLException {
        return DriverManager.getConnection(stack.endpoint("trino", "jdbcUrl"), "sluice", null);
    }
}
