package io.sluice.schema.event;

import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * A fault run applied a fault to a target component (e.g. {@code kafka}, {@code parquet-lander}).
 */
public record FaultInjected(String runId, String target, FaultKind kind, FaultPhase phase, long injectedAtMs)
        implements PipelineEvent
{
    public FaultInjected
    {
        requireText(runId, "runId");
        requireText(target, "target");
        requireNonNull(kind, "kind is null");
        requireNonNull(phase, "phase is null");
    }

    @Override
    public String key()
    {
        return runId;
    }
}
