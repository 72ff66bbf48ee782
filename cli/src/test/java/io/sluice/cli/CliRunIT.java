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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    @BeforeAll
    static void runTheMainJobTwice() {
        for (String benchmark : new String[] {"tpch", "tpcds"}) {
            CliRun run = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", benchmark, "--scale-factor", "0.01", "--timeout", "600");
            assertThat(run.exitCode()).as("%s run: %s", benchmark, run.err()).isZero();
            assertThat(run.out()).contains("verified in every sink").contains("land parquet").contains("land clickhouse");
        }
        stack = LocalStack.status(runDir).orElseThrow();
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
                assertThat(count(statement, "SELECT count(*) FROM tpch.tiny." + table)).as("reference %s", table).isEqualTo(expected);
                assertThat(count(statement, "SELECT count(*) FROM hive.tpch_sf0_01." + table)).as("parquet %s", table).isEqualTo(expected);
                assertThat(clickhouseCount("tpch_sf0_01." + table)).as("clickhouse %s", table).isEqualTo(expected);
            }
        }
    }

    @Test
    void tpcdsTablesHoldTheReferenceRowCountsInBothSinks() throws Exception {
        try (Connection trino = trino(); Statement statement = trino.createStatement()) {
            for (String table : TableSchemas.tables(Benchmark.TPCDS)) {
                long expected = count(statement, "SELECT count(*) FROM tpcds.tiny." + table);
                assertThat(count(statement, "SELECT count(*) FROM hive.tpcds_sf0_01." + table)).as("parquet %s", table).isEqualTo(expected);
                assertThat(clickhouseCount("tpcds_sf0_01." + table)).as("clickhouse %s", table).isEqualTo(expected);
            }
        }
    }

    @Test
    void aSecondRunOfTheSameDatasetFindsItReadyAndWritesNothingNew() {
        CliRun again = CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--timeout", "120");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already in Kafka").contains("verified in every sink");
    }

    private static Connection trino() throws SQLException {
        return DriverManager.getConnection(stack.endpoint("trino", "jdbcUrl"), "sluice", null);
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getLong(1);
        }
    }

    private static long clickhouseCount(String table) throws IOException, InterruptedException {
        String query = URLEncoder.encode("SELECT count() FROM " + table, StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(stack.endpoint("clickhouse", "httpUrl") + "/?query=" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Long.parseLong(response.body().strip());
        }
    }
}
