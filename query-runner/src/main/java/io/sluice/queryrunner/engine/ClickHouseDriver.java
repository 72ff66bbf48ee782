package io.sluice.queryrunner.engine;

import com.clickhouse.client.api.ClientConfigProperties;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.jdbc.StatementImpl;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;

import static java.util.Objects.requireNonNull;

/**
 * ClickHouse through clickhouse-jdbc: a dataset's tables are in the database {@code databaseName}
 * ({@code tpch_sf0_01}). The query id is chosen here ({@code sluice-<label>-<random>}) and sent as the
 * {@code query_id} setting, so it is known before the query runs and a timeout can kill exactly that query.
 *
 * <p>Every query runs with {@code join_use_nulls=1}: ClickHouse otherwise fills the unmatched side of an
 * outer join with default values instead of NULL, and TPC-H Q13's {@code count(o_orderkey)} over a left join
 * would count them. And with {@code aggregate_functions_null_for_empty=1}: ClickHouse otherwise returns 0 for
 * {@code sum} over no rows where SQL returns NULL (TPC-H Q17 at SF 0.01 has no qualifying rows). And with
 * {@code group_by_use_nulls=1}: ClickHouse otherwise fills the keys a {@code ROLLUP} rolls up with default
 * values ({@code ''}, 0) instead of NULL (TPC-DS Q5, Q14a, Q77, Q80 …). And with
 * {@code union_default_mode='DISTINCT'}: ClickHouse otherwise refuses a bare {@code UNION}, which SQL defines
 * as {@code UNION DISTINCT} (TPC-DS Q49, Q75). {@code max_execution_time} is the timeout plus a second, a
 * backstop should the cancel not arrive.
 *
 * <p>The client waits for a reply without limit unless told otherwise, so a server that stops answering (paused, a
 * lost node or network) would hold a query, and the cancel sent at its timeout, for good: a query's reads give up
 * {@link #RESPONSE_GRACE} after its timeout, anything else (the cancel, listing tables) after {@link #CONTROL_TIMEOUT}.
 */
public final class ClickHouseDriver
        implements EngineDriver
{
    // database names are [a-z0-9_] (DatasetId), so they can be written into the statement
    private static final String LIST_TABLES = "SELECT name FROM system.tables WHERE database = '%s'";
    // the listing's session: one on a database that does not exist fails, and a dataset that has not landed has none
    private static final String SYSTEM_DATABASE = "system";
    // an answer that has not begun this long after the server's own limit (max_execution_time) will not come
    private static final Duration RESPONSE_GRACE = Duration.ofSeconds(15);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);

    private final ClickHouseConnectionSettings settings;
    private final ScheduledExecutorService watchdog = Watchdogs.create("clickhouse");

    public ClickHouseDriver(ClickHouseConnectionSettings settings)
    {
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public Engine engine()
    {
        return Engine.CLICKHOUSE;
    }

    @Override
    public EngineSession open(DatasetId dataset)
    {
        return openDatabase(dataset.databaseName());
    }

    private EngineSession openDatabase(String database)
    {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        properties.setProperty("password", settings.password());
        // how long a read may wait for the server; 0, the client's default, waits for good
        properties.setProperty(ClientConfigProperties.SOCKET_OPERATION_TIMEOUT.getKey(), Long.toString(CONTROL_TIMEOUT.toMillis()));
        try {
            Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties);
            try {
                connection.setSchema(database);
                return new JdbcSession(connection, watchdog, "killed on clickhouse",
                        (label, timeout) -> new ClickHouseQuery("sluice-%s-%s".formatted(label, UUID.randomUUID()), timeout));
            }
            catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        catch (SQLException e) {
            throw new EngineUnavailableException("clickhouse at %s: %s".formatted(settings.jdbcUrl(), JdbcExecution.oneLine(e)), e);
        }
    }

    @Override
    public Optional<List<String>> missingTables(DatasetId dataset, List<String> tables)
    {
        return EngineDriver.missingTablesListedBy(() -> openDatabase(SYSTEM_DATABASE), LIST_TABLES.formatted(dataset.databaseName()), tables);
    }

    @Override
    public void close()
    {
        watchdog.shutdownNow();
    }

    /** The query id is chosen here and sent as {@code query_id}, so a timeout can kill exactly that query. */
    private record ClickHouseQuery(String id, Duration timeout)
            implements JdbcSession.Query
    {
        @Override
        public void prepare(Statement statement)
                throws SQLException
        {
            QuerySettings querySettings = statement.unwrap(StatementImpl.class).getLocalSettings();
            querySettings.setQueryId(id);
            querySettings.serverSetting("join_use_nulls", "1");
            querySettings.serverSetting("aggregate_functions_null_for_empty", "1");
            querySettings.serverSetting("group_by_use_nulls", "1");
            querySettings.serverSetting("union_default_mode", "DISTINCT");
            querySettings.serverSetting("max_execution_time", Long.toString(timeout.toSeconds() + 1));
            querySettings.setNetworkTimeout(timeout.plus(RESPONSE_GRACE).toMillis(), ChronoUnit.MILLIS);
        }

        @Override
        public Optional<String> queryId()
        {
            return Optional.of(id);
        }

        @Override
        public Map<String, Long> statistics()
        {
            return Map.of();
        }
    }
}
