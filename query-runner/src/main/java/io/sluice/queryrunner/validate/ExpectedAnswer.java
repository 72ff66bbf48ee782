package io.sluice.queryrunner.validate;

import static java.util.Objects.requireNonNull;

/**
 * The answer a query must give, and where it comes from ({@code io.trino.tpch queries/q1.result},
 * {@code trino tpch.tiny}, …) so a wrong result can say what it was compared with.
 */
public record ExpectedAnswer(ResultRows rows, String source)
{
    public ExpectedAnswer
    {
        requireNonNull(rows, "rows is null");
        requireNonNull(source, "source is null");
    }
}
