package io.sluice.loaders.clickhouse;

/**
 * ClickHouse refused the batch's data itself (it does not parse as the table's columns, a type or schema
 * mismatch): inserting it again fails the same way.
 */
public final class RejectedInsertException
        extends RuntimeException
{
    private final int errorCode;

    public RejectedInsertException(String message, int errorCode, Throwable cause)
    {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** ClickHouse's error code, e.g. 53 (TYPE_MISMATCH). */
    public int errorCode()
    {
        return errorCode;
    }
}
