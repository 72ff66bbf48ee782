package io.sluice.schema.event;

import java.util.Locale;

/**
 * Where a lander puts rows.
 */
public enum Sink
{
    /** Parquet objects in the S3 store. */
    PARQUET,
    /** ClickHouse MergeTree tables. */
    CLICKHOUSE;

    /** The sink's name in messages, metric tags, consumer groups and settings ({@code parquet}). */
    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
