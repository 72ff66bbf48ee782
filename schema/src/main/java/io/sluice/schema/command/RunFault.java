package io.sluice.schema.command;

import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;

import java.util.Optional;

import static io.sluice.schema.Arguments.requireNonNegative;
import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * Inject a fault into a target component ({@code kafka}, {@code clickhouse}, {@code parquet-lander}, …)
 * during a phase: {@code startMs} after the phase starts (default at once), for {@code durationMs}
 * (default: until the fault runner's own default; irrelevant for {@code KILL}).
 */
public record RunFault(String runId, String target, FaultKind kind, FaultPhase phase, Optional<Long> startMs, Optional<Long> durationMs)
        implements Command
{
    public RunFault
    {
        requireText(runId, "runId");
        requireText(target, "target");
        requireNonNull(kind, "kind is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(startMs, "startMs is null");
        startMs.ifPresent(value -> requireNonNegative(value, "startMs"));
        requireNonNull(durationMs, "durationMs is null");
        durationMs.ifPresent(value -> requireNonNegative(value, "durationMs"));
    }
}
