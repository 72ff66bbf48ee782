package io.sluice.queryrunner.engine;

import io.sluice.queryrunner.validate.ResultRows;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a statement with a watchdog: when the timeout passes, {@link Statement#cancel()} asks the engine to
 * cancel the query (both drivers send the engine a cancel for the running query id), and the failure that
 * follows is reported as a timeout.
 */
final class JdbcExecution
{
    private JdbcExecution() {}

    record Timed(ResultRows rows, long wallMs) {}

    static final class TimedOutException
            extends Exception
    {
        private final long wallMs;

        TimedOutException(long wallMs, Throwable cause)
        {
            super("cancelled on the engine after the timeout", cause);
            this.wallMs = wallMs;
        }

        long wallMs()
        {
            return wallMs;
        }
    }

    static final class FailedException
            extends Exception
    {
        private final long wallMs;

        FailedException(long wallMs, SQLException cause)
        {
            super(oneLine(cause), cause);
            this.wallMs = wallMs;
        }

        long wallMs()
        {
            return wallMs;
        }
    }

    static Timed run(Statement statement, String sql, Duration timeout, ScheduledExecutorService watchdog)
            throws TimedOutException, FailedException
    {
        AtomicBoolean cancelled = new AtomicBoolean();
        long started = System.nanoTime();
        ScheduledFuture<?> cancel = watchdog.schedule(() -> {
            cancelled.set(true);
            try {
                statement.cancel();
            }
            catch (SQLException | RuntimeException ignored) {
                // the query ended meanwhile, or the engine is gone: either way nothing is left to cancel
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            int columns = resultSet.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int column = 1; column <= columns; column++) {
                    row.add(ResultRows.canonical(resultSet.getObject(column)));
                }
                rows.add(row);
            }
            long wallMs = elapsedMs(started);
            if (cancelled.get()) {
                throw new TimedOutException(wallMs, null);
            }
            return new Timed(new ResultRows(rows), wallMs);
        }
        catch (SQLException e) {
            long wallMs = elapsedMs(started);
            if (cancelled.get() || elapsedMs(started) >= timeout.toMillis()) {
                throw new TimedOutException(wallMs, e);
            }
            throw new FailedException(wallMs, e);
        }
        finally {
            cancel.cancel(false);
        }
    }

    static String oneLine(Throwable failure)
    {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String line = message.strip().lines().findFirst().orElse(message);
        return line.length() > 500 ? line.substring(0, 500) + "…" : line;
    }

    private static long elapsedMs(long started)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
