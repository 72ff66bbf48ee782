package io.sluice.faults;

import io.sluice.schema.event.FaultCleared;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.RecoveryObserved;
import io.sluice.schema.fault.FaultPhase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * The faults of one phase of a run. {@link #start} schedules each fault of the phase ({@code start} after now,
 * cleared {@code duration} later); the caller feeds what the phase did to {@link #observe} and ends with
 * {@link #finish}, which clears every fault still active (also from {@link #close}, so a phase that throws
 * leaves nothing broken), publishes {@code RecoveryObserved} and returns each fault's outcome.
 * {@code FaultInjected} and {@code FaultCleared} go to the event sink as they happen.
 */
public final class FaultRun
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(FaultRun.class);

    private final String runId;
    private final FaultInjector injector;
    private final Consumer<PipelineEvent> events;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<Fault, FaultState> states = new LinkedHashMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private Optional<List<FaultOutcome>> outcomes = Optional.empty();

    private FaultRun(String runId, int faults, FaultInjector injector, Consumer<PipelineEvent> events, Clock clock)
    {
        this.runId = runId;
        this.injector = injector;
        this.events = events;
        this.clock = clock;
        // a thread per fault: a clearing that restarts its target (a minute for Trino) must not hold up the others'
        this.scheduler = new ScheduledThreadPoolExecutor(Math.max(1, faults), Thread.ofPlatform().daemon().name("fault-run-" + runId + "-", 0).factory());
        // at the end, pending injections and clearings are dropped; one under way completes, uninterrupted (a
        // restart cut short would leave its target down)
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Checks every fault of {@code phase} with the injector (one-line error before anything is broken), then
     * schedules them. Faults of other phases are ignored, so the caller can pass all faults of the run.
     */
    public static FaultRun start(String runId, FaultPhase phase, List<Fault> faults, FaultInjector injector, Consumer<PipelineEvent> events, Clock clock)
    {
        requireText(runId, "runId");
        requireNonNull(phase, "phase is null");
        requireNonNull(faults, "faults is null");
        requireNonNull(injector, "injector is null");
        requireNonNull(events, "events is null");
        requireNonNull(clock, "clock is null");
        List<Fault> ofPhase = faults.stream().filter(fault -> fault.phase() == phase).distinct().toList();
        ofPhase.forEach(injector::check);
        FaultRun run = new FaultRun(runId, ofPhase.size(), injector, events, clock);
        ofPhase.forEach(run::schedule);
        return run;
    }

    /** Never waits for an injection or clearing under way, so it does not distort the phase's timings. */
    public void observe(Observation observation)
    {
        requireNonNull(observation, "observation is null");
        synchronized (observations) {
            observations.add(observation);
        }
    }

    /**
     * Ends the phase's faults: pending ones are dropped, active ones cleared (all of them, even when one fails to
     * clear). Returns each fault's outcome; later calls return the same.
     */
    public List<FaultOutcome> finish()
    {
        synchronized (this) {
            if (outcomes.isPresent()) {
                return outcomes.get();
            }
        }
        scheduler.shutdown();
        try {
            // an injection or clearing under way completes (a restart returns once the target is ready)
            if (!scheduler.awaitTermination(5, TimeUnit.MINUTES)) {
                log.warn("Fault run {}: an injection or clearing still runs after 5 minutes", runId);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<FaultOutcome> result = new ArrayList<>();
        states.forEach((fault, state) -> {
            clear(fault, state);
            synchronized (state) {
                result.add(outcome(fault, state));
            }
        });
        synchronized (this) {
            if (outcomes.isEmpty()) {
                outcomes = Optional.of(List.copyOf(result));
                result.forEach(this::publishRecovery);
            }
            return outcomes.get();
        }
    }

    @Override
    public void close()
    {
        finish();
    }

    private void schedule(Fault fault)
    {
        FaultState state = new FaultState();
        states.put(fault, state);
        scheduler.schedule(() -> inject(fault, state), fault.start().toMillis(), TimeUnit.MILLISECONDS);
    }

    // each fault's state is guarded by its own monitor, held while its target is broken or mended, so clearing
    // waits for an injection under way and happens once
    private void inject(Fault fault, FaultState state)
    {
        synchronized (state) {
            try {
                injector.inject(fault);
            }
            catch (RuntimeException e) {
                log.error("Fault run {}: cannot inject {}", runId, fault, e);
                state.errors.add("inject: " + e.getMessage());
            }
            // the fault counts from when it is in effect: a query that started while a kill was still being
            // delivered may succeed, and must not count as the recovery
            state.injectedAtMs = OptionalLong.of(clock.millis());
            events.accept(new FaultInjected(runId, fault.target().label(), fault.kind(), fault.phase(), state.injectedAtMs.getAsLong()));
        }
        try {
            scheduler.schedule(() -> clear(fault, state), fault.duration().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RejectedExecutionException _) {
            // the phase ended while the fault was being injected: finish() clears it
        }
    }

    private void clear(Fault fault, FaultState state)
    {
        synchronized (state) {
            if (state.injectedAtMs.isEmpty() || state.clearedAtMs.isPresent()) {
                return;
            }
            try {
                injector.clear(fault);
            }
            catch (RuntimeException e) {
                // still broken: the end of the phase tries again
                log.error("Fault run {}: cannot clear {}", runId, fault, e);
                state.errors.add("clear: " + e.getMessage());
                return;
            }
            state.clearedAtMs = OptionalLong.of(clock.millis());
            events.accept(new FaultCleared(runId, fault.target().label(), fault.kind(), state.clearedAtMs.getAsLong()));
        }
    }

    private FaultOutcome outcome(Fault fault, FaultState state)
    {
        List<Observation> observed;
        synchronized (observations) {
            observed = List.copyOf(observations);
        }
        Recovery recovery = state.injectedAtMs.isPresent()
                ? Recovery.of(fault.target(), state.injectedAtMs.getAsLong(), observed)
                : new Recovery(OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty(), 0);
        List<String> errors = new ArrayList<>(state.errors);
        if (state.injectedAtMs.isEmpty()) {
            errors.add("not injected: the phase ended before its start");
        }
        return new FaultOutcome(fault, state.injectedAtMs, state.clearedAtMs, recovery, errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors)));
    }

    private void publishRecovery(FaultOutcome outcome)
    {
        Fault fault = outcome.fault();
        Recovery recovery = outcome.recovery();
        long now = clock.millis();
        String target = fault.target().label();
        recovery.recoveryMs().ifPresent(ms -> events.accept(new RecoveryObserved(runId, target, fault.kind(),
                "first success after the fault: " + recovery.firstSuccess().orElseThrow(), ms, now)));
        recovery.latencyRecoveryMs().ifPresent(ms -> events.accept(new RecoveryObserved(runId, target, fault.kind(),
                "time back within %d%% of the pre-fault median: %s".formatted(Recovery.TOLERANCE_PERCENT, recovery.firstNormal().orElseThrow()), ms, now)));
    }

    private static final class FaultState
    {
        private OptionalLong injectedAtMs = OptionalLong.empty();
        private OptionalLong clearedAtMs = OptionalLong.empty();
        private final List<String> errors = new ArrayList<>();
    }
}
