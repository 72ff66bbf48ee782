package io.sluice.queryrunner.engine;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * Trino through trino-jdbc: a dataset's tables are {@code <catalog>.<databaseName>} ({@code hive.tpch_sf0_01},
 * registered over the Parquet objects). Trino's query id and statistics come from the statement's progress
 * monitor, so they are known for failed and cancelled queries too.
 *
 * <p>{@link #faultTolerant} is the same Trino as engine {@code trino_fte}: its sessions set
 * {@code retry_policy = 'TASK'}, so Trino retries failed tasks from exchanges spooled by its exchange manager
 * (which the server must have; without one Trino fails such queries saying so).
 */
public final class TrinoDriver
        implements EngineDriver
{
    private static final String RETRY_POLICY = "retry_policy";
    // database names are [a-z0-9_] (DatasetId), so they can be written into the statement
    private static final String LIST_TABLES = "SELECT table_name FROM information_schema.tables WHERE table_schema = '%s'";

    private final TrinoConnectionSettings settings;
    private final Engine engine;
    private final Optional<String> retryPolicy;
    private final ScheduledExecutorService watchdog;

    public TrinoDriver(TrinoConnectionSettings settings)
    {
        this(settings, Engine.TRINO, Optional.empty());
    }

    private TrinoDriver(TrinoConnectionSettings settings, Engine engine, Optional<String> retryPolicy)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.engine = engine;
        this.retryPolicy = retryPolicy;
        this.watchdog = Watchdogs.create(engine.name().toLowerCase(Locale.ROOT));
    }

    /**
     * Trino with fault-tolerant execution (engine {@code trino_fte}): every session runs with retry policy {@code TASK}.
     */
    public static TrinoDriver faultTolerant(TrinoConnectionSettings settings)
    {
        return new TrinoDriver(settings, Engine.TRINO_FTE, Optional.of("TASK"));
    }

    @Override
    public Engine engine()
    {
        return engine;
    }

    @Override
    public EngineSession open(DatasetId dataset)
    {
        return openSchema(settings.catalog(), dataset.databaseName());
    }

    /**
     * A session on any catalog and schema, e.g. {@code tpch.tiny} for the built-in generator's answers.
     */
    public EngineSession openSchema(String catalog, String schema)
    {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        settings.password().ifPresent(password -> properties.setProperty("password", password));
        retryPolicy.ifPresent(policy -> properties.setProperty("sessionProperties", RETRY_POLICY + ":" + policy));
        try {
            Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties);
            connection.setCatalog(catalog);
            connection.setSchema(schema);
            return new Session(connection);
        }
        catch (SQLException e) {
            throw new EngineUnavailableException("trino at %s: %s".formatted(settings.jdbcUrl(), JdbcExecution.oneLine(e)), e);
        }
    }

    @Override
    public List<String> missingTables(DatasetId dataset, List<String> tables)
    {
        return EngineDriver.missingTablesListedBy(this, LIST_TABLES.formatted(dataset.databaseName()), dataset, tables);
    }

    @Override
    public void close()
    {
        watchdog.shutdownNow();
    }

    private final class Session
            implements EngineSession
    {
        private final Connection connection;

        Session(Connection connection)
        {
            this.connection = connection;
        }

        @Override
        public EngineExecution execute(String label, String sql, Duration timeout)
        {
            AtomicReference<QueryStats> stats = new AtomicReference<>();
            try (Statement statement = connection.createStatement()) {
                statement.unwrap(TrinoStatement.class).setProgressMonitor(stats::set);
                JdbcExecution.Timed timed = JdbcExecution.run(statement, sql, timeout, watchdog);
                return EngineExecution.succeeded(timed.wallMs(), queryId(stats), timed.rows(), statistics(stats.get()));
            }
            catch (JdbcExecution.TimedOutException e) {
                return EngineExecution.failed(EngineExecution.Outcome.TIMED_OUT, e.wallMs(), queryId(stats), "timed out after %s; cancelled on trino".formatted(timeout));
            }
            catch (JdbcExecution.FailedException e) {
                return EngineExecution.failed(EngineExecution.Outcome.FAILED, e.wallMs(), queryId(stats), e.getMessage());
            }
            catch (SQLException | RuntimeException e) {
                // a driver's own failure (connection refused, protocol error) fails this query, not the run
                return EngineExecution.failed(EngineExecution.Outcome.FAILED, 0, queryId(stats), JdbcExecution.oneLine(e));
            }
        }

        @Override
        public void close()
        {
            try {
                connection.close();
            }
            catch (SQLException ignored) {
                // trino-jdbc connections hold no server-side state to release
            }
        }
    }

    private static Optional<String> queryId(AtomicReference<QueryStats> stats)
    {
        return Optional.ofNullable(stats.get()).map(QueryStats::getQueryId);
    }

    private static Map<String, Long> statistics(QueryStats stats)
    {
        Map<String, Long> values = new LinkedHashMap<>();
        if (stats != null) {
            values.put("elapsedMs", stats.getElapsedTimeMillis());
            values.put("cpuMs", stats.getCpuTimeMillis());
            values.put("queuedMs", stats.getQueuedTimeMillis());
            values.put("planningMs", stats.getPlanningTimeMillis());
            values.put("processedRows", stats.getProcessedRows());
            values.put("processedBytes", stats.getProcessedBytes());
            values.put("physicalInputBytes", stats.getPhysicalInputBytes());
            values.put("peakMemoryBytes", stats.getPeakMemoryBytes());
        }
        return values;
    }
}
