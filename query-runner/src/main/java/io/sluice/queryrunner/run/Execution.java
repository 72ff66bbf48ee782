package io.sluice.queryrunner.run;

import io.sluice.faults.FaultTarget;
import io.sluice.faults.Observation;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;
import io.sluice.schema.result.QueryResult;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One timed execution of one query on one engine, as the run directory keeps it. {@code run} counts the
 * query's executions on the engine from 1, warm-ups first. {@code validated} is true when the result was
 * compared with an expected answer and matched. {@code querySource} names the SQL text that ran.
 * {@code startedAtMs} is when it was submitted (epoch ms), or, for an execution that never reached the
 * engine, when it failed; runs recorded before it was kept have none.
 */
public record Execution(
        String runId,
        String dataset,
        Engine engine,
        String query,
        int run,
        boolean warmup,
        ExecutionStatus status,
        OptionalLong startedAtMs,
        long wallMs,
        long rows,
        Optional<String> engineQueryId,
        Optional<String> error,
        boolean validated,
        String querySource,
        Map<String, Long> stats)
{
    public Execution
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(engine, "engine is null");
        requireNonNull(query, "query is null");
        requireNonNull(status, "status is null");
        // results.json files written before the field existed leave it out
        startedAtMs = startedAtMs == null ? OptionalLong.empty() : startedAtMs;
        requireNonNull(engineQueryId, "engineQueryId is null");
        requireNonNull(error, "error is null");
        requireNonNull(querySource, "querySource is null");
        stats = stats == null ? Map.of() : Map.copyOf(stats);
        if (error.isPresent() == (status == ExecutionStatus.OK)) {
            throw new IllegalArgumentException("an execution has an error exactly when its status is not ok; status %s, error %s".formatted(status, error));
        }
        if (validated && status != ExecutionStatus.OK) {
            throw new IllegalArgumentException("a %s execution cannot be validated".formatted(status.label()));
        }
    }

    /**
     * This execution as a fault run observes it: key {@code <engine> <query>}, from its start to its end on the
     * engine ({@code nowMs}, when it never started), needing what its engine reads.
     */
    public Observation observation(long nowMs)
    {
        long endedAtMs = startedAtMs.isPresent() ? startedAtMs.getAsLong() + wallMs : nowMs;
        return new Observation(engine.name().toLowerCase(Locale.ROOT) + " " + query, endedAtMs - wallMs, endedAtMs, status == ExecutionStatus.OK, needs(engine), warmup);
    }

    private static Set<FaultTarget> needs(Engine engine)
    {
        return switch (engine) {
            // the Hive catalog's tables are Parquet in the S3 store; fault-tolerant execution spools there too
            case TRINO, TRINO_FTE -> Set.of(FaultTarget.TRINO, FaultTarget.S3);
            case CLICKHOUSE -> Set.of(FaultTarget.CLICKHOUSE);
            case SPARK -> Set.of(FaultTarget.S3);
        };
    }

    public QueryResult toQueryResult()
    {
        Optional<String> message = status == ExecutionStatus.WRONG_RESULT ? error.map(reason -> "wrong result: " + reason) : error;
        return new QueryResult(runId, DatasetId.parse(dataset), engine, query, run, warmup, status.queryStatus(), wallMs, rows, engineQueryId, message, validated);
    }
}
