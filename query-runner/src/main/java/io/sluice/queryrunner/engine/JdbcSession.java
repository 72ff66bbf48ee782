package io.sluice.queryrunner.engine;

import io.sluice.schema.DurationText;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;

import static java.util.Objects.requireNonNull;

/**
 * A session on one JDBC connection: each query runs under the watchdog ({@link JdbcExecution}) and how it ended (a
 * result, a timeout, a failure on the engine or in the driver) becomes an {@link EngineExecution}. What differs
 * between engines is one query's {@link Query}: how its statement is prepared and what it tells about itself.
 */
final class JdbcSession
        implements EngineSession
{
    /** The engine's side of one query. */
    interface Query
    {
        void prepare(Statement statement)
                throws SQLException;

        /** The engine's id of the query, when known (also after it failed or was cancelled). */
        Optional<String> queryId();

        /** The engine's statistics of a query that succeeded. */
        Map<String, Long> statistics();
    }

    private final Connection connection;
    private final ScheduledExecutorService watchdog;
    private final String cancelledOn;
    private final BiFunction<String, Duration, Query> queries;

    /**
     * @param cancelledOn what a timeout did, for its message ({@code cancelled on trino})
     * @param queries the query for an execution's label and timeout
     */
    JdbcSession(Connection connection, ScheduledExecutorService watchdog, String cancelledOn, BiFunction<String, Duration, Query> queries)
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.watchdog = requireNonNull(watchdog, "watchdog is null");
        this.cancelledOn = requireNonNull(cancelledOn, "cancelledOn is null");
        this.queries = requireNonNull(queries, "queries is null");
    }

    @Override
    public EngineExecution execute(String label, String sql, Duration timeout)
    {
        Query query = queries.apply(label, timeout);
        try (Statement statement = connection.createStatement()) {
            query.prepare(statement);
            JdbcExecution.Timed timed = JdbcExecution.run(statement, sql, timeout, watchdog);
            return EngineExecution.succeeded(timed.wallMs(), query.queryId(), timed.rows(), query.statistics());
        }
        catch (JdbcExecution.TimedOutException e) {
            return EngineExecution.failed(EngineExecution.Outcome.TIMED_OUT, e.wallMs(), query.queryId(), "timed out after %s; %s".formatted(DurationText.of(timeout), cancelledOn));
        }
        catch (JdbcExecution.FailedException e) {
            return EngineExecution.failed(EngineExecution.Outcome.FAILED, e.wallMs(), query.queryId(), e.getMessage());
        }
        catch (SQLException | RuntimeException e) {
            // a driver's own failure (connection refused, protocol error) fails this query, not the run
            return EngineExecution.failed(EngineExecution.Outcome.FAILED, 0, query.queryId(), JdbcExecution.oneLine(e));
        }
    }

    @Override
    public void close()
    {
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // closing releases the driver's HTTP client; neither engine keeps session state to release
        }
    }
}
