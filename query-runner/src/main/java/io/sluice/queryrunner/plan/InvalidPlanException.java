package io.sluice.queryrunner.plan;

/**
 * A plan file that cannot be run; the message names the file, the field and the reason in one line.
 */
public final class InvalidPlanException
        extends IllegalArgumentException
{
    public InvalidPlanException(String message)
    {
        super(message);
    }

    public InvalidPlanException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
