package io.sluice.queryrunner.query;

import static java.util.Objects.requireNonNull;

/**
 * The SQL one engine runs for a query, and where it comes from (the library resource or a variant file of
 * this module), so a report can say which text was measured.
 */
public record QueryText(String sql, String source)
{
    public QueryText
    {
        requireNonNull(sql, "sql is null");
        requireNonNull(source, "source is null");
        if (sql.isBlank()) {
            throw new IllegalArgumentException("query text from %s is blank".formatted(source));
        }
    }
}
