package io.sluice.schema.result;

/**
 * The SQL engines benchmark runs query. {@code TRINO_FTE} is Trino with fault-tolerant execution: the same
 * server, its sessions set {@code retry_policy = 'TASK'} (spooling exchanges to the S3 store), so runs can
 * compare Trino with and without task retries side by side.
 */
public enum Engine
{
    TRINO,
    CLICKHOUSE,
    SPARK,
    TRINO_FTE,
}
