package io.sluice.queryrunner.engine;

import java.time.Duration;

/**
 * A connection to an engine, used by one thread at a time.
 */
public interface EngineSession
        extends AutoCloseable
{
    /**
     * Runs one query and reads its whole result. Never throws for a failing query: the failure is in the
     * returned execution. When {@code timeout} passes, the query is cancelled on the engine and the
     * execution is {@link EngineExecution.Outcome#TIMED_OUT}.
     *
     * @param label identifies the execution in the engine's own query id where the engine lets the client
     *        choose it (ClickHouse)
     */
    EngineExecution execute(String label, String sql, Duration timeout);

    @Override
    void close();
}
