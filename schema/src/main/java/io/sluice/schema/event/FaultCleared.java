package io.sluice.schema.event;

import io.sluice.schema.fault.FaultKind;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * A fault run lifted its fault (the paused target resumed, the slowed one is at full speed, the killed
 * one was restarted).
 */
public record FaultCleared(String runId, String target, FaultKind kind, long clearedAtMs)
        implements PipelineEvent
{
    public FaultCleared
    {
        requireText(runId, "runId");
        requireText(target, "target");
        requireNonNull(kind, "kind is null");
    }

    @Override
    public String key()
    {
        return runId;
    }
}
