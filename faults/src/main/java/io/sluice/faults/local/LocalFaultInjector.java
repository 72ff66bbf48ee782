package io.sluice.faults.local;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultInjector;
import io.sluice.faults.FaultTarget;
import io.sluice.faults.NetworkFaults;
import io.sluice.faults.local.proxy.Impairment;
import io.sluice.faults.local.proxy.LoopbackProxy;
import io.sluice.schema.fault.FaultKind;
import io.sluice.stack.ProcessSignals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Faults on the processes of a local stack: {@code kill} is SIGKILL to the target's process group (restarted when
 * cleared), {@code pause} SIGSTOP (SIGCONT when cleared), {@code outage} an orderly stop (restarted when cleared).
 * <p>
 * Network faults act on the {@link LoopbackProxy} in front of the target, which its clients must connect through
 * (see {@link #needsProxy}); {@link #check} refuses them on a target without one. {@code slow} adds
 * {@link NetworkFaults#LATENCY} ± {@link NetworkFaults#JITTER} to every round trip, half of it each way, as Chaos
 * Mesh's delay on the target's packets does; {@code loss} stalls {@link NetworkFaults#LOSS_PERCENT}% of the
 * forwarded chunks for TCP retransmission timeouts ({@link Impairment}). Both at once add up. Clearing lifts the
 * fault from the proxy's existing connections too.
 */
public final class LocalFaultInjector
        implements FaultInjector
{
    private static final Logger log = LoggerFactory.getLogger(LocalFaultInjector.class);
    private static final Set<FaultKind> NETWORK_KINDS = Set.of(FaultKind.SLOW, FaultKind.LOSS);

    private final LocalTargets targets;
    private final Map<FaultTarget, LoopbackProxy> proxies;
    // how to lift each active fault; a fault is active from its injection until it is cleared
    private final Map<Fault, Runnable> undo = new ConcurrentHashMap<>();
    // one target's faults are injected and cleared one at a time; another target's go on meanwhile (a restart takes
    // up to a minute)
    private final Map<FaultTarget, Object> targetLocks = new ConcurrentHashMap<>();

    /** An injector for process faults only. */
    public LocalFaultInjector(LocalTargets targets)
    {
        this(targets, Map.of());
    }

    /**
     * @param proxies the proxy in front of each target whose clients connect through one: where its slow and loss
     * faults go. The caller owns them (starts them before, closes them after the run).
     */
    public LocalFaultInjector(LocalTargets targets, Map<FaultTarget, LoopbackProxy> proxies)
    {
        this.targets = requireNonNull(targets, "targets is null");
        this.proxies = Map.copyOf(requireNonNull(proxies, "proxies is null"));
    }

    /** Whether the fault acts on a proxy in front of its target (slow, loss) rather than on its process. */
    public static boolean needsProxy(Fault fault)
    {
        return NETWORK_KINDS.contains(fault.kind());
    }

    @Override
    public void check(Fault fault)
    {
        requireNonNull(fault, "fault is null");
        if (needsProxy(fault)) {
            if (!proxies.containsKey(fault.target())) {
                throw new IllegalArgumentException("fault '%s': no proxy in front of %s; slow and loss act locally on a LoopbackProxy its clients connect through; targets with one: %s".formatted(
                        fault, fault.target().label(), labels(proxies.keySet())));
            }
            return;
        }
        Set<FaultTarget> available = targets.available();
        if (!available.contains(fault.target())) {
            throw new IllegalArgumentException("fault '%s': %s does not run as a process of the local stack; local targets: %s".formatted(
                    fault, fault.target().label(), labels(available)));
        }
    }

    @Override
    public void inject(Fault fault)
    {
        check(fault);
        synchronized (lockOf(fault.target())) {
            injectChecked(fault);
        }
    }

    private void injectChecked(Fault fault)
    {
        if (undo.containsKey(fault)) {
            return;
        }
        FaultTarget target = fault.target();
        log.info("Injecting fault {}", fault);
        if (needsProxy(fault)) {
            // the proxy's impairment follows the target's active faults: this one now, what is left once cleared
            undo.put(fault, () -> {
                undo.remove(fault);
                impairProxy(target);
            });
            impairProxy(target);
            return;
        }
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
            case SLOW, LOSS -> throw new IllegalStateException("a network fault acts on a proxy: " + fault.kind());
        };
        undo.put(fault, lift);
    }

    @Override
    public void clear(Fault fault)
    {
        requireNonNull(fault, "fault is null");
        synchronized (lockOf(fault.target())) {
            Runnable lift = undo.get(fault);
            if (lift == null) {
                return;
            }
            log.info("Clearing fault {}", fault);
            // a lift that fails (a restart that timed out) leaves the fault active, to be cleared again
            lift.run();
            undo.remove(fault);
        }
    }

    private Object lockOf(FaultTarget target)
    {
        return targetLocks.computeIfAbsent(target, _ -> new Object());
    }

    private void impairProxy(FaultTarget target)
    {
        Set<FaultKind> kinds = undo.keySet().stream().filter(fault -> fault.target() == target).map(Fault::kind).collect(Collectors.toSet());
        boolean slow = kinds.contains(FaultKind.SLOW);
        proxies.get(target).impair(new Impairment(
                slow ? NetworkFaults.LATENCY.dividedBy(2) : Duration.ZERO,
                slow ? NetworkFaults.JITTER.dividedBy(2) : Duration.ZERO,
                kinds.contains(FaultKind.LOSS) ? NetworkFaults.LOSS_PERCENT : 0));
    }

    private static String labels(Set<FaultTarget> targets)
    {
        return targets.isEmpty() ? "none" : targets.stream().map(FaultTarget::label).sorted().collect(Collectors.joining(", "));
    }

    private long signal(FaultTarget target, String signal)
    {
        long group = targets.processGroup(target)
                .orElseThrow(() -> new IllegalStateException("%s is not running; cannot send SIG%s".formatted(target.label(), signal)));
        ProcessSignals.signalGroup(group, signal);
        return group;
    }
}
