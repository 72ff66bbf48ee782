package io.sluice.queryrunner.engine;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;
import io.trino.jdbc.QueryStats;
import io.trino.jdbc.TrinoStatement;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
            return new JdbcSession(connection, watchdog, "cancelled on trino", (_, _) -> new TrinoQuery());
        }
        catch (SQLException e) {
            throw new EngineUnavailableException("trino at %s: %s".formatted(settings.jdbcUrl(), JdbcExecution.oneLine(e)), e);
        }
    }

    @Override
    public Optional<List<String>> missingTables(DatasetId dataset, List<String> tables)
    {
        return EngineDriver.missingTablesListedBy(() -> open(dataset), LIST_TABLES.formatted(dataset.databaseName()), tables);
    }

    @Override
    public void close()
    {
        watchdog.shutdownNow();
    }

    /** Trino's query id and statistics come from the statement's progress monitor. */
    private static final class TrinoQuery
            implements JdbcSession.Query
    {
        private final AtomicReference<QueryStats> stats = new AtomicReference<>();

        @Override
        public void prepare(Statement statement)
                throws SQLException
        {
            statement.unwrap(TrinoStatement.class).setProgressMonitor(stats::set);
        }

        @Override
        public Optional<String> queryId()
        {
            return Optional.ofNullable(stats.get()).map(QueryStats::getQueryId);
        }

        @Override
        public Map<String, Long> statistics()
        {
            return TrinoDriver.statistics(stats.get());
        }
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
