package io.sluice.schema.event;

import io.sluice.schema.fault.FaultKind;

import static io.sluice.schema.Arguments.requireNonNegative;
import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * After a fault, the pipeline was seen working again: {@code observation} says what was seen (e.g.
 * {@code consumer lag back to 0}, {@code query succeeded}) and {@code recoveryMs} how long after the fault
 * was injected.
 */
public record RecoveryObserved(String runId, String target, FaultKind kind, String observation, long recoveryMs, long observedAtMs)
        implements PipelineEvent
{
    public RecoveryObserved
    {
        requireText(runId, "runId");
        requireText(target, "target");
        requireNonNull(kind, "kind is null");
        requireText(observation, "observation");
        requireNonNegative(recoveryMs, "recoveryMs");
    }

    @Override
    public String key()
    {
        return runId;
    }
}
