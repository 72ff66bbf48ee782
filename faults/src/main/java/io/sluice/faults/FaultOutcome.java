package io.sluice.faults;

import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * What became of one fault of a run: when it was injected and cleared (epoch ms; empty when it never was, e.g.
 * the phase ended before its start), how the pipeline recovered, and what went wrong injecting or clearing it.
 */
public record FaultOutcome(Fault fault, OptionalLong injectedAtMs, OptionalLong clearedAtMs, Recovery recovery, Optional<String> error)
{
    public FaultOutcome
    {
        requireNonNull(fault, "fault is null");
        requireNonNull(injectedAtMs, "injectedAtMs is null");
        requireNonNull(clearedAtMs, "clearedAtMs is null");
        requireNonNull(recovery, "recovery is null");
        requireNonNull(error, "error is null");
    }
}
