package io.sluice.schema.result;

import io.sluice.schema.dataset.DatasetId;

import java.util.Optional;

import static io.sluice.schema.Arguments.requireNonNegative;
import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * One timed execution of one query, published on {@code sluice.results}. {@code query} names the query
 * ({@code q01}); {@code run} counts executions of it in the run from 1, warm-ups included; {@code rows} is
 * the result row count; {@code validated} is true when the result was checked against the expected answer
 * and matched. {@code error} is present exactly when the status is not {@code SUCCEEDED}.
 */
public record QueryResult(
        String runId,
        DatasetId dataset,
        Engine engine,
        String query,
        int run,
        boolean warmup,
        QueryStatus status,
        long wallMs,
        long rows,
        Optional<String> engineQueryId,
        Optional<String> error,
        boolean validated)
{
    public QueryResult
    {
        requireText(runId, "runId");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(engine, "engine is null");
        requireText(query, "query");
        if (run < 1) {
            throw new IllegalArgumentException("run must be >= 1, got " + run);
        }
        requireNonNull(status, "status is null");
        requireNonNegative(wallMs, "wallMs");
        requireNonNegative(rows, "rows");
        requireNonNull(engineQueryId, "engineQueryId is null");
        requireNonNull(error, "error is null");
        if (error.isPresent() == (status == QueryStatus.SUCCEEDED)) {
            throw new IllegalArgumentException("error must be present exactly when status is not SUCCEEDED; status %s, error %s".formatted(status, error));
        }
        if (validated && status != QueryStatus.SUCCEEDED) {
            throw new IllegalArgumentException("a %s query cannot be validated".formatted(status));
        }
    }
}
