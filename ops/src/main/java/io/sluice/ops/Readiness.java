package io.sluice.ops;

import static java.util.Objects.requireNonNull;

/**
 * Whether a service does its work now, and in a few words why (or why not): the body of {@code /health/ready}.
 */
public record Readiness(boolean ready, String detail)
{
    public Readiness
    {
        requireNonNull(detail, "detail is null");
    }

    public static Readiness ready(String detail)
    {
        return new Readiness(true, detail);
    }

    public static Readiness notReady(String reason)
    {
        return new Readiness(false, reason);
    }

    /** Ready only when both are; the first reason that is not. */
    public Readiness and(Readiness other)
    {
        requireNonNull(other, "other is null");
        if (!ready) {
            return this;
        }
        return other.ready ? ready(detail + "; " + other.detail) : other;
    }
}
