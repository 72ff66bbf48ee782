package io.sluice.stack.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.Artifacts;
import io.sluice.stack.ProcessLauncher;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ClickHouse (libchdb) through clickhouse-jdbc: one server for the class, plus one restarted. */
class ClickHouseServerIT {
    private static final ClickHouseServerKind KIND = new ClickHouseServerKind();
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;

    private static RunningServer server;

    @BeforeAll
    static void startServer() {
        server = KIND.start(context(dataDir));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.process().stop(STOP_GRACE);
        }
    }

    @Test
    void servesHttpAndNativePortsOnLoopback() {
        assertThat(KIND.healthy(server.endpoints())).isTrue();
        assertThat(server.endpoints().get(ClickHouseServerKind.HTTP_URL)).startsWith("http://127.0.0.1:");
        assertThat(server.endpoints().get(ClickHouseServerKind.JDBC_URL)).startsWith("jdbc:clickhouse://127.0.0.1:").endsWith("/default");
        assertThat(Integer.parseInt(server.endpoints().get(ClickHouseServerKind.TCP_PORT))).isPositive();
    }

    @Test
    void insertsABatchAndReadsItBack() throws SQLException {
        int rows = 10_000;
        try (Connection connection = connect(server)) {
            execute(connection, "CREATE TABLE batch (id UInt64, name String, amount Float64) ENGINE = MergeTree ORDER BY id");
            long expectedIdSum = 0;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO batch (id, name, amount) VALUES (?, ?, ?)")) {
                for (int id = 0; id < rows; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "row-" + id);
                    insert.setDouble(3, id * 0.5);
                    insert.addBatch();
                    expectedIdSum += id;
                }
                insert.executeBatch();
            }
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT count(), sum(id), max(name) FROM batch WHERE amount = id / 2")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(rows);
                assertThat(result.getLong(2)).isEqualTo(expectedIdSum);
                assertThat(result.getString(3)).isEqualTo("row-9999");
            }
        }
    }

    @Test
    void dropsAnInsertRepeatedWithTheSameDeduplicationToken() throws SQLException {
        try (Connection connection = connect(server)) {
            execute(connection, "CREATE TABLE dedup (id UInt64) ENGINE = MergeTree ORDER BY id "
                    + "SETTINGS non_replicated_deduplication_window = 100");
            String insert = "INSERT INTO dedup SETTINGS insert_deduplication_token = '%s' SELECT number FROM numbers(5)";
            execute(connection, insert.formatted("chunk-1"));
            execute(connection, insert.formatted("chunk-1"));
            assertThat(count(connection, "dedup")).isEqualTo(5);
            // the same rows under another token are another chunk, so they land
            execute(connection, insert.formatted("chunk-2"));
            assertThat(count(connection, "dedup")).isEqualTo(10);
        }
    }

    @Test
    void keepsTablesAcrossARestartOnTheSameDataDir(@TempDir Path ownDataDir) throws SQLException {
        RunningServer first = KIND.start(context(ownDataDir));
        try (Connection connection = connect(first)) {
            execute(connection, "CREATE TABLE kept (id UInt64) ENGINE = MergeTree ORDER BY id");
            execute(connection, "INSERT INTO kept SELECT number FROM numbers(42)");
        } finally {
            first.process().stop(STOP_GRACE);
        }
        assertThat(KIND.healthy(first.endpoints())).isFalse();

        RunningServer second = KIND.start(context(ownDataDir));
        try (Connection connection = connect(second)) {
            assertThat(count(connection, "kept")).isEqualTo(42);
        } finally {
            second.process().stop(STOP_GRACE);
        }
    }

    private static ServerContext context(Path dir) {
        return new ServerContext(dir, Artifacts.fromEnvironment(), ProcessLauncher.attached(), Map.of(), OptionalInt.empty(),
                "sluice", Duration.ofMinutes(3));
    }

    private static Connection connect(RunningServer running) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        properties.setProperty("password", "");
        return DriverManager.getConnection(running.endpoints().get(ClickHouseServerKind.JDBC_URL), properties);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("SELECT count() FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
