package io.sluice.ingest.clickhouse;

import io.sluice.loaders.clickhouse.ClickHouseConnectionSettings;
import io.sluice.loaders.clickhouse.ClickHouseDdl;
import io.sluice.loaders.clickhouse.ClickHouseEngine;
import io.sluice.schema.settings.EnvironmentReader;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static io.sluice.schema.Arguments.requireAtLeast;
import static java.util.Objects.requireNonNull;

/**
 * Where and how the ClickHouse lander writes. Validated on construction with one-line errors naming the
 * setting; {@link #fromEnvironment} reads the {@code SLUICE_CLICKHOUSE_*} variables. {@link #toString()}
 * never shows the password.
 *
 * @param connection JDBC URL, user, password and socket timeout
 * @param batchRows most rows per insert, from {@value #MIN_BATCH_ROWS} to {@value #MAX_BATCH_ROWS}; each
 * insert makes one part per partition of the table, so fewer, larger inserts keep merges cheap, and up to
 * ClickHouse's {@code max_insert_block_size} (1,048,576 rows) an insert is one block, inserted or dropped whole
 * @param deduplicationWindow how many recent inserts per table ClickHouse remembers by token; a batch
 * inserted again after a crash must fall inside it, so it must exceed the inserts into one table between a
 * batch's insert and the commit of its offsets (at most one per partition of the table's topic)
 * @param engine {@code merge_tree} (one server) or {@code replicated_merge_tree} (a replicated cluster)
 * @param databasePrefix put before each dataset's database name ({@code tpch_sf1}); empty by default
 */
public record ClickHouseSettings(ClickHouseConnectionSettings connection, int batchRows, int deduplicationWindow, ClickHouseEngine engine, String databasePrefix)
{
    public static final String URL_ENV = "SLUICE_CLICKHOUSE_URL";
    public static final String USER_ENV = "SLUICE_CLICKHOUSE_USER";
    public static final String PASSWORD_ENV = "SLUICE_CLICKHOUSE_PASSWORD";
    public static final String TIMEOUT_ENV = "SLUICE_CLICKHOUSE_TIMEOUT_MS";
    public static final String BATCH_ROWS_ENV = "SLUICE_CLICKHOUSE_BATCH_ROWS";
    public static final String DEDUPLICATION_WINDOW_ENV = "SLUICE_CLICKHOUSE_DEDUPLICATION_WINDOW";
    public static final String ENGINE_ENV = "SLUICE_CLICKHOUSE_ENGINE";
    public static final String DATABASE_PREFIX_ENV = "SLUICE_CLICKHOUSE_DATABASE_PREFIX";

    public static final String DEFAULT_URL = "jdbc:clickhouse://127.0.0.1:8123/default";
    public static final String DEFAULT_USER = "default";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    public static final int DEFAULT_BATCH_ROWS = 200_000;
    public static final int MIN_BATCH_ROWS = 10_000;
    public static final int MAX_BATCH_ROWS = 1_000_000;
    public static final int DEFAULT_DEDUPLICATION_WINDOW = 1_000;
    public static final ClickHouseEngine DEFAULT_ENGINE = ClickHouseEngine.MERGE_TREE;

    public ClickHouseSettings
    {
        requireNonNull(connection, "connection is null");
        if (batchRows < MIN_BATCH_ROWS || batchRows > MAX_BATCH_ROWS) {
            throw new IllegalArgumentException("%s must be from %d to %d, got %d".formatted(BATCH_ROWS_ENV, MIN_BATCH_ROWS, MAX_BATCH_ROWS, batchRows));
        }
        requireAtLeast(deduplicationWindow, 1, DEDUPLICATION_WINDOW_ENV);
        requireNonNull(engine, "engine is null");
        requireNonNull(databasePrefix, "databasePrefix is null");
        if (!databasePrefix.matches("[a-z0-9_]*")) {
            throw new IllegalArgumentException("%s '%s' may hold only a-z, 0-9 and _".formatted(DATABASE_PREFIX_ENV, databasePrefix));
        }
    }

    /**
     * The defaults, connecting to {@code jdbcUrl} as {@code user} with {@code password}.
     */
    public static ClickHouseSettings defaults(String jdbcUrl, String user, String password)
    {
        return new ClickHouseSettings(new ClickHouseConnectionSettings(jdbcUrl, user, password, DEFAULT_TIMEOUT),
                DEFAULT_BATCH_ROWS, DEFAULT_DEDUPLICATION_WINDOW, DEFAULT_ENGINE, "");
    }

    /**
     * Reads the {@code SLUICE_CLICKHOUSE_*} variables; unset or blank ones take their defaults (the password
     * defaults to empty, as the local stack's {@code default} user has none).
     */
    public static ClickHouseSettings fromEnvironment(Map<String, String> environment)
    {
        EnvironmentReader env = new EnvironmentReader(environment);
        Duration timeout = env.millis(TIMEOUT_ENV).orElse(DEFAULT_TIMEOUT);
        if (!timeout.isPositive()) {
            throw new IllegalArgumentException("%s must be >= 1, got %d".formatted(TIMEOUT_ENV, timeout.toMillis()));
        }
        ClickHouseConnectionSettings connection;
        try {
            connection = new ClickHouseConnectionSettings(
                    env.string(URL_ENV).orElse(DEFAULT_URL),
                    // never blank: a blank variable takes the default
                    env.string(USER_ENV).orElse(DEFAULT_USER),
                    // not trimmed: a password may end in a blank
                    Optional.ofNullable(environment.get(PASSWORD_ENV)).orElse(""),
                    timeout);
        }
        catch (IllegalArgumentException e) {
            // with the user and the timeout valid, only the URL is left to refuse
            throw new IllegalArgumentException(URL_ENV + ": " + e.getMessage(), e);
        }
        ClickHouseEngine engine;
        try {
            engine = env.string(ENGINE_ENV).map(ClickHouseEngine::parse).orElse(DEFAULT_ENGINE);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ENGINE_ENV + ": " + e.getMessage(), e);
        }
        return new ClickHouseSettings(
                connection,
                env.intValue(BATCH_ROWS_ENV).orElse(DEFAULT_BATCH_ROWS),
                env.intValue(DEDUPLICATION_WINDOW_ENV).orElse(DEFAULT_DEDUPLICATION_WINDOW),
                engine,
                env.string(DATABASE_PREFIX_ENV).orElse(""));
    }

    public ClickHouseDdl ddl()
    {
        return new ClickHouseDdl(databasePrefix, engine, deduplicationWindow);
    }

    public ClickHouseSettings withBatchRows(int rows)
    {
        return new ClickHouseSettings(connection, rows, deduplicationWindow, engine, databasePrefix);
    }

    public ClickHouseSettings withDatabasePrefix(String prefix)
    {
        return new ClickHouseSettings(connection, batchRows, deduplicationWindow, engine, prefix);
    }
}
