package io.sluice.faults.local;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultInjector;
import io.sluice.faults.FaultTarget;
import io.sluice.schema.fault.FaultKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Faults on the processes of a local stack: {@code kill} is SIGKILL to the target's process group (restarted when
 * cleared), {@code pause} SIGSTOP (SIGCONT when cleared), {@code outage} an orderly stop (restarted when cleared).
 * Network faults ({@code slow}, {@code loss}) need Chaos Mesh and are refused by {@link #check}.
 */
public final class LocalFaultInjector
        implements FaultInjector
{
    private static final Logger log = LoggerFactory.getLogger(LocalFaultInjector.class);
    private static final Set<FaultKind> KINDS = Set.of(FaultKind.KILL, FaultKind.PAUSE, FaultKind.OUTAGE);

    private final LocalTargets targets;
    // how to lift each active fault; a fault is active from its injection until it is cleared
    private final Map<Fault, Runnable> undo = new HashMap<>();

    public LocalFaultInjector(LocalTargets targets)
    {
        this.targets = requireNonNull(targets, "targets is null");
    }

    @Override
    public void check(Fault fault)
    {
        requireNonNull(fault, "fault is null");
        if (!KINDS.contains(fault.kind())) {
            throw new IllegalArgumentException("fault '%s': the local stack supports kill, pause and outage; slow and loss need a Kubernetes release with Chaos Mesh".formatted(fault));
        }
        Set<FaultTarget> available = targets.available();
        if (!available.contains(fault.target())) {
            throw new IllegalArgumentException("fault '%s': %s does not run as a process of the local stack; local targets: %s".formatted(
                    fault, fault.target().label(), available.stream().map(FaultTarget::label).sorted().collect(Collectors.joining(", "))));
        }
    }

    @Override
    public synchronized void inject(Fault fault)
    {
        check(fault);
        if (undo.containsKey(fault)) {
            return;
        }
        FaultTarget target = fault.target();
        log.info("Injecting fault {}", fault);
        Runnable lift = switch (fault.kind()) {
            case KILL -> {
                signal(target, "KILL");
                yield () -> targets.restart(target);
            }
            case PAUSE -> {
                long group = signal(target, "STOP");
                yield () -> ProcessSignals.signalGroup(group, "CONT");
            }
            case OUTAGE -> {
                targets.stop(target);
                yield () -> targets.restart(target);
            }
            case SLOW, LOSS -> throw new IllegalStateException("checked above: " + fault.kind());
        };
        undo.put(fault, lift);
    }

    @Override
    public synchronized void clear(Fault fault)
    {
        requireNonNull(fault, "fault is null");
        Runnable lift = undo.remove(fault);
        if (lift != null) {
            log.info("Clearing fault {}", fault);
            lift.run();
        }
    }

    private long signal(FaultTarget target, String signal)
    {
        long group = targets.processGroup(target)
                .orElseThrow(() -> new IllegalStateException("%s is not running; cannot send SIG%s".formatted(target.label(), signal)));
        ProcessSignals.signalGroup(group, signal);
        return group;
    }
}
