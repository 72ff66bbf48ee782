package io.sluice.schema.result;

/**
 * The SQL engines benchmark runs query.
 */
public enum Engine
{
    TRINO,
    CLICKHOUSE,
    SPARK,
}
