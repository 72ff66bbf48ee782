package io.sluice.queryrunner.validate;

import io.sluice.queryrunner.query.BenchmarkQuery;
import io.sluice.schema.dataset.DatasetId;

import java.util.Optional;

/**
 * Where the expected answer of a query on a dataset comes from; empty when this source has none for it.
 */
public interface AnswerSource
{
    Optional<ExpectedAnswer> expected(BenchmarkQuery query, DatasetId dataset);

    /**
     * This source's answer, else {@code other}'s.
     */
    default AnswerSource orElse(AnswerSource other)
    {
        return (query, dataset) -> expected(query, dataset).or(() -> other.expected(query, dataset));
    }

    static AnswerSource none()
    {
        return (_, _) -> Optional.empty();
    }
}
