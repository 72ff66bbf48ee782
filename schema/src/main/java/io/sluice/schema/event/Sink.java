package io.sluice.schema.event;

/**
 * Where a lander puts rows.
 */
public enum Sink
{
    /** Parquet objects in the S3 store. */
    PARQUET,
    /** ClickHouse MergeTree tables. */
    CLICKHOUSE,
}
