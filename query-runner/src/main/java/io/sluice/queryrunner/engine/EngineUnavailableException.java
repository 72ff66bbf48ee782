package io.sluice.queryrunner.engine;

/**
 * An engine that cannot be reached or lacks the dataset; its queries fail with this message while the
 * other engines go on.
 */
public final class EngineUnavailableException
        extends RuntimeException
{
    public EngineUnavailableException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
