package io.sluice.faults;

import static io.sluice.schema.Arguments.requireText;

/**
 * Something the pipeline did during a faulted phase that either worked or not: a query execution (key: engine and
 * query, e.g. {@code clickhouse q05}), or a landed chunk. Recovery is read from these.
 */
public record Observation(String key, long startedAtMs, long endedAtMs, boolean ok)
{
    public Observation
    {
        requireText(key, "key");
        if (endedAtMs < startedAtMs) {
            throw new IllegalArgumentException("observation %s ends (%d) before it starts (%d)".formatted(key, endedAtMs, startedAtMs));
        }
    }

    /** An observation that just ended, after {@code elapsedMs}. */
    public static Observation endedNow(String key, long nowMs, long elapsedMs, boolean ok)
    {
        return new Observation(key, nowMs - Math.max(0, elapsedMs), nowMs, ok);
    }

    public long elapsedMs()
    {
        return endedAtMs - startedAtMs;
    }
}
