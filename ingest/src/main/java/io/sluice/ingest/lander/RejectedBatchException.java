package io.sluice.ingest.lander;

/**
 * The sink will never take this batch (e.g. the target table's schema does not match). The loop sends the
 * batch's records to the dead-letter topic with this exception's message as the reason and goes on.
 */
public final class RejectedBatchException
        extends RuntimeException
{
    public RejectedBatchException(String message, Throwable cause)
    {
        super(message, cause);
    }

    public RejectedBatchException(String message)
    {
        super(message);
    }
}
