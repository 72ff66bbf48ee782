package io.sluice.faults;

import java.util.Set;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * Something the pipeline did during a faulted phase that either worked or not: a query execution (key: engine and
 * query, e.g. {@code clickhouse q05}), or a landed chunk. Recovery is read from these.
 *
 * @param needs the targets the work depends on (a Trino query: Trino and S3), so that a fault on one of them is
 * judged by this work and not by work that never touched the broken part; empty for work that needs the whole
 * pipeline (a landed chunk)
 * @param warmup a warm-up execution: its success shows the work runs again, but it is slow by design and no
 * measure of normal latency
 */
public record Observation(String key, long startedAtMs, long endedAtMs, boolean ok, Set<FaultTarget> needs, boolean warmup)
{
    public Observation
    {
        requireText(key, "key");
        if (endedAtMs < startedAtMs) {
            throw new IllegalArgumentException("observation %s ends (%d) before it starts (%d)".formatted(key, endedAtMs, startedAtMs));
        }
        needs = Set.copyOf(requireNonNull(needs, "needs is null"));
    }

    /** Work that needs the whole pipeline, not a warm-up. */
    public Observation(String key, long startedAtMs, long endedAtMs, boolean ok)
    {
        this(key, startedAtMs, endedAtMs, ok, Set.of(), false);
    }

    /** Whether this work tells how the pipeline fared with {@code target} broken: it needs that target, or everything. */
    public boolean needs(FaultTarget target)
    {
        return needs.isEmpty() || needs.contains(target);
    }

    public long elapsedMs()
    {
        return endedAtMs - startedAtMs;
    }
}
