package io.sluice.stack.trino;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.Artifacts;
import io.sluice.stack.ProcessLauncher;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.ServerKind;
import io.sluice.stack.clickhouse.ClickHouseServerKind;
import io.sluice.stack.s3.S3ServerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Trino over the real S3 store, and ClickHouse reading what Trino wrote there: the servers start
 * once for the class, each through its kind, attached to this JVM.
 */
class TrinoServerIT {
    private static final String BUCKET = "sluice";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    @TempDir
    static Path runDir;

    private static final Map<String, Map<String, String>> started = new HashMap<>();
    private static final List<RunningServer> servers = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        Artifacts artifacts = Artifacts.fromEnvironment();
        ProcessLauncher launcher = ProcessLauncher.attached();
        for (ServerKind kind : List.of(new S3ServerKind(), new TrinoServerKind(), new ClickHouseServerKind())) {
            Path dataDir = Files.createDirectories(runDir.resolve(kind.name()));
            RunningServer server = kind.start(new ServerContext(dataDir, artifacts, launcher, started, OptionalInt.empty(), BUCKET, START_TIMEOUT));
            servers.add(server);
            started.put(kind.name(), server.endpoints());
        }
    }

    @AfterAll
    static void stopServers() {
        servers.reversed().forEach(server -> server.process().stop(STOP_GRACE));
    }

    @Test
    void isHealthyAndServesTheTpchCatalog() throws SQLException {
        assertThat(new TrinoServerKind().healthy(trino())).isTrue();
        assertThat(trino().get(TrinoServerKind.URL)).startsWith("http://127.0.0.1:");
        try (Connection connection = connectTrino()) {
            // TPC-H scale factor 0.01 (tpch.tiny) has 60175 lineitem rows by the specification's generator
            assertThat(queryLong(connection, "SELECT count(*) FROM tpch.tiny.lineitem")).isEqualTo(60175);
        }
    }

    @Test
    void writesAndReadsParquetTablesInTheBucket() throws SQLException {
        try (Connection connection = connectTrino()) {
            execute(connection, "CREATE SCHEMA hive.roundtrip");
            execute(connection, "CREATE TABLE hive.roundtrip.orders (id bigint, customer varchar, total double) WITH (format = 'PARQUET')");
            execute(connection, "INSERT INTO hive.roundtrip.orders VALUES (1, 'alice', 10.5), (2, 'bob', 20.25), (3, 'carol', 30.0)");

            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT id, customer, total FROM hive.roundtrip.orders ORDER BY id")) {
                List<String> rows = new ArrayList<>();
                while (result.next()) {
                    rows.add(result.getLong(1) + "," + result.getString(2) + "," + result.getDouble(3));
                }
                assertThat(rows).containsExactly("1,alice,10.5", "2,bob,20.25", "3,carol,30.0");
            }
            assertThat(queryString(connection, "SHOW CREATE SCHEMA hive.roundtrip")).contains("location = 's3://" + BUCKET + "/");
        }
    }

    @Test
    void clickHouseReadsTheParquetTrinoWroteToTheStore() throws SQLException {
        String location = "s3://" + BUCKET + "/cross-engine/nation/";
        long trinoRows;
        long trinoKeySum;
        try (Connection connection = connectTrino()) {
            execute(connection, "CREATE SCHEMA hive.cross_engine");
            execute(connection, "CREATE TABLE hive.cross_engine.nation (nationkey bigint, name varchar) "
                    + "WITH (format = 'PARQUET', external_location = '" + location + "')");
            execute(connection, "INSERT INTO hive.cross_engine.nation SELECT n_nationkey, n_name FROM tpch.tiny.nation");
            trinoRows = queryLong(connection, "SELECT count(*) FROM hive.cross_engine.nation");
            trinoKeySum = queryLong(connection, "SELECT sum(nationkey) FROM hive.cross_engine.nation");
        }
        assertThat(trinoRows).isPositive();

        Map<String, String> s3 = started.get(S3ServerKind.NAME);
        String objects = s3.get(S3ServerKind.ENDPOINT) + "/" + BUCKET + "/cross-engine/nation/*";
        Properties user = new Properties();
        user.setProperty("user", "default");
        user.setProperty("password", "");
        try (Connection connection = DriverManager.getConnection(started.get(ClickHouseServerKind.NAME).get(ClickHouseServerKind.JDBC_URL), user);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(), sum(nationkey) FROM s3('%s', '%s', '%s', 'Parquet')"
                        .formatted(objects, s3.get(S3ServerKind.ACCESS_KEY), s3.get(S3ServerKind.SECRET_KEY)))) {
            assertThat(result.next()).isTrue();
            assertThat(result.getLong(1)).isEqualTo(trinoRows);
            assertThat(result.getLong(2)).isEqualTo(trinoKeySum);
        }
    }

    private static Map<String, String> trino() {
        return started.get(TrinoServerKind.NAME);
    }

    private static Connection connectTrino() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "sluice");
        return DriverManager.getConnection(trino().get(TrinoServerKind.JDBC_URL), properties);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getLong(1);
        }
    }

    private static String queryString(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}
