package io.sluice.queryrunner.engine;

import io.sluice.queryrunner.validate.ResultRows;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What an engine did with one query: its outcome, the client-observed wall time (submit to last row read),
 * the engine's query id, the result when it succeeded, the error otherwise, and engine statistics
 * (Trino: {@code cpuMs}, {@code processedRows}, {@code processedBytes}, {@code peakMemoryBytes}, …).
 */
public record EngineExecution(
        Outcome outcome,
        long wallMs,
        Optional<String> engineQueryId,
        Optional<ResultRows> rows,
        Optional<String> error,
        Map<String, Long> stats)
{
    public enum Outcome
    {
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
    }

    public EngineExecution
    {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(engineQueryId, "engineQueryId is null");
        requireNonNull(rows, "rows is null");
        requireNonNull(error, "error is null");
        stats = Map.copyOf(stats);
        if (rows.isPresent() != (outcome == Outcome.SUCCEEDED) || error.isPresent() == (outcome == Outcome.SUCCEEDED)) {
            throw new IllegalArgumentException("a succeeded execution has rows and no error, others an error and no rows");
        }
    }

    public static EngineExecution succeeded(long wallMs, Optional<String> engineQueryId, ResultRows rows, Map<String, Long> stats)
    {
        return new EngineExecution(Outcome.SUCCEEDED, wallMs, engineQueryId, Optional.of(rows), Optional.empty(), stats);
    }

    public static EngineExecution failed(Outcome outcome, long wallMs, Optional<String> engineQueryId, String error)
    {
        return new EngineExecution(outcome, wallMs, engineQueryId, Optional.empty(), Optional.of(error), Map.of());
    }
}
