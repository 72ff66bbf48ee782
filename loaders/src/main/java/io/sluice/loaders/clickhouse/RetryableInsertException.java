package io.sluice.loaders.clickhouse;

/**
 * An insert failed for a reason that passes (ClickHouse down or restarting, connection lost, timeout,
 * too many parts, memory): the same batch, inserted again with the same deduplication token, can succeed
 * and lands at most once.
 */
public final class RetryableInsertException
        extends RuntimeException
{
    public RetryableInsertException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
