package io.sluice.faults;

import io.sluice.schema.command.RunFault;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;

import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One fault of a run: break {@code target} the {@code kind} way, {@code start} after {@code phase} starts, for
 * {@code duration} (for {@link FaultKind#KILL}: how long the target stays down before it is started again
 * locally; a Kubernetes supervisor restarts a deleted pod on its own).
 */
public record Fault(FaultTarget target, FaultKind kind, FaultPhase phase, Duration start, Duration duration)
{
    /** Duration of a fault that names none. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);

    public Fault
    {
        requireNonNull(target, "target is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(phase, "phase is null");
        requireNonNull(start, "start is null");
        requireNonNull(duration, "duration is null");
        if (start.isNegative()) {
            throw new IllegalArgumentException("fault start must not be negative: " + start);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("fault duration must be positive: " + duration);
        }
    }

    /**
     * Parses the command-line form {@code TARGET:KIND@PHASE[/START][+DURATION]}, e.g. {@code kafka:kill@ingest},
     * {@code s3:outage@ingest+20s}, {@code clickhouse:kill@benchmark/5s+10s}.
     *
     * @throws IllegalArgumentException with one line naming what is wrong and what is allowed
     */
    public static Fault parse(String text)
    {
        return FaultSyntax.parse(text);
    }

    /**
     * The fault a {@code RunFault} command asks for.
     *
     * @throws IllegalArgumentException when the command's target is unknown
     */
    public static Fault of(RunFault command)
    {
        requireNonNull(command, "command is null");
        FaultTarget target = FaultTarget.byLabel(command.target())
                .orElseThrow(() -> new IllegalArgumentException("RunFault %s: unknown target '%s'; targets: %s".formatted(command.runId(), command.target(), FaultTarget.labels())));
        return new Fault(
                target,
                command.kind(),
                command.phase(),
                command.startMs().map(Duration::ofMillis).orElse(Duration.ZERO),
                command.durationMs().filter(ms -> ms > 0).map(Duration::ofMillis).orElse(DEFAULT_DURATION));
    }

    /** The {@code RunFault} command that asks a query runner for this fault, under {@code runId}. */
    public RunFault toCommand(String runId)
    {
        return new RunFault(runId, target.label(), kind, phase, Optional.of(start.toMillis()), Optional.of(duration.toMillis()));
    }

    /** The command-line form, complete: {@code s3:outage@ingest/0s+20s}. */
    @Override
    public String toString()
    {
        return FaultSyntax.format(this);
    }
}
