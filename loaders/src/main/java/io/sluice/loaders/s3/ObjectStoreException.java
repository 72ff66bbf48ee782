package io.sluice.loaders.s3;

/**
 * The S3 store failed a request (unreachable, refused, or answered with an error). Callers that can wait
 * treat it as transient: nothing the store did is assumed done.
 */
public final class ObjectStoreException
        extends RuntimeException
{
    public ObjectStoreException(String message, Throwable cause)
    {
        super(message, cause);
    }

    public ObjectStoreException(String message)
    {
        super(message);
    }
}
