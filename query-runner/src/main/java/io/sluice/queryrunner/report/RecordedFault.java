package io.sluice.queryrunner.report;

import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One fault of a run as its {@code faults.csv} records it: what was broken ({@code target}, {@code kind}) in which
 * phase, when it was injected and cleared (epoch ms; empty when it never was), how long after the injection the
 * first query succeeded again ({@code recoveryMs}) and latency was back near its pre-fault median
 * ({@code latencyRecoveryMs}), and how many queries failed meanwhile.
 */
public record RecordedFault(
        String target,
        String kind,
        String phase,
        OptionalLong injectedAtMs,
        OptionalLong clearedAtMs,
        OptionalLong recoveryMs,
        OptionalLong latencyRecoveryMs,
        int queriesFailed,
        Optional<String> error)
{
    public RecordedFault
    {
        requireNonNull(target, "target is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(injectedAtMs, "injectedAtMs is null");
        requireNonNull(clearedAtMs, "clearedAtMs is null");
        requireNonNull(recoveryMs, "recoveryMs is null");
        requireNonNull(latencyRecoveryMs, "latencyRecoveryMs is null");
        requireNonNull(error, "error is null");
        if (queriesFailed < 0) {
            throw new IllegalArgumentException("queriesFailed must be >= 0, got " + queriesFailed);
        }
    }

    /**
     * {@code target:kind}, as {@code --fault} names it.
     */
    public String label()
    {
        return target + ":" + kind;
    }

    /**
     * Whether the fault was in effect at some time in {@code [fromMs, toMs]}; a fault never cleared lasts on.
     */
    public boolean overlaps(long fromMs, long toMs)
    {
        return injectedAtMs.isPresent() && injectedAtMs.getAsLong() <= toMs && (clearedAtMs.isEmpty() || clearedAtMs.getAsLong() >= fromMs);
    }
}
