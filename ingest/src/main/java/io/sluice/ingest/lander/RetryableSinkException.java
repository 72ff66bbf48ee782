package io.sluice.ingest.lander;

/**
 * The sink failed in a way that may pass (store down, connection lost, too many parts, timeout). The loop
 * aborts the batch, seeks its partition back to the batch's first offset and retries after a backoff.
 */
public final class RetryableSinkException
        extends RuntimeException
{
    public RetryableSinkException(String message, Throwable cause)
    {
        super(message, cause);
    }

    public RetryableSinkException(String message)
    {
        super(message);
    }
}
