package io.sluice.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.faults.Fault;
import io.sluice.faults.FaultInjector;
import io.sluice.faults.FaultMetrics;
import io.sluice.faults.FaultOutcome;
import io.sluice.faults.FaultRun;
import io.sluice.faults.FaultTarget;
import io.sluice.faults.FaultsCsv;
import io.sluice.faults.Observation;
import io.sluice.faults.kafka.FaultEventPublisher;
import io.sluice.faults.local.LocalFaultInjector;
import io.sluice.faults.local.StackTargets;
import io.sluice.faults.local.proxy.LoopbackProxy;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The faults of one {@code sluice run} ({@code --fault}), on the servers of the local stack. Every fault is checked
 * before the run starts anything; each step of the run then opens its {@link Phase}, which injects and clears the
 * faults of that phase and collects what the step did, so recovery can be read from it. The outcomes of all phases
 * end in the run directory's {@code faults.csv} and the summary.
 */
final class RunFaults
        implements AutoCloseable
{
    private final String runId;
    private final List<Fault> faults;
    private final Optional<FaultInjector> injector;
    private final Optional<FaultEventPublisher> publisher;
    private final Consumer<PipelineEvent> events;
    private final List<FaultOutcome> outcomes = new ArrayList<>();
    private final Set<FaultRun> open = ConcurrentHashMap.newKeySet();
    private int printed;

    RunFaults(String runId, List<Fault> faults, Optional<FaultInjector> injector, Optional<FaultEventPublisher> publisher, Consumer<PipelineEvent> events)
    {
        this.runId = runId;
        this.faults = List.copyOf(faults);
        this.injector = injector;
        this.publisher = publisher;
        this.events = events;
    }

    /**
     * @throws IllegalArgumentException with one line naming a fault the local stack cannot apply
     */
    static RunFaults of(String runId, List<Fault> faults, StackSettings stack, Map<FaultTarget, LoopbackProxy> proxies, KafkaClientSettings kafka,
            MeterRegistry registry)
    {
        requireNonNull(runId, "runId is null");
        if (faults.isEmpty()) {
            return new RunFaults(runId, faults, Optional.empty(), Optional.empty(), _ -> {});
        }
        LocalStack servers = LocalStack.attach(stack)
                .orElseThrow(() -> new IllegalStateException("no local stack is recorded in " + stack.runDir() + "; cannot inject faults"));
        FaultInjector injector = new LocalFaultInjector(new StackTargets(servers), proxies);
        faults.forEach(injector::check);
        FaultEventPublisher publisher = new FaultEventPublisher(kafka, "sluice-run-faults");
        return new RunFaults(runId, faults, Optional.of(injector), Optional.of(publisher), publisher.andThen(new FaultMetrics(registry)));
    }

    boolean any()
    {
        return !faults.isEmpty();
    }

    /** Schedules the faults of {@code phase} from now; closing the phase clears them and keeps their outcomes. */
    Phase begin(FaultPhase phase)
    {
        requireNonNull(phase, "phase is null");
        Optional<FaultRun> run = faults.stream().anyMatch(fault -> fault.phase() == phase)
                ? Optional.of(FaultRun.start(runId, phase, faults, injector.orElseThrow(), events, Clock.systemUTC()))
                : Optional.empty();
        run.ifPresent(open::add);
        return new Phase(run);
    }

    /**
     * Ends the phases still open, clearing their faults: for a run that Ctrl-C or SIGTERM stops, whose phases do not
     * close. A server left paused or stopped would make the next run replace the whole stack with an empty one.
     */
    void lift()
    {
        open.forEach(FaultRun::finish);
    }

    synchronized List<FaultOutcome> outcomes()
    {
        return List.copyOf(outcomes);
    }

    /** Writes {@code faults.csv} (every phase so far) into the run directory when the run had faults. */
    synchronized Optional<Path> writeCsv(Path runDirectory)
    {
        return any() ? Optional.of(FaultsCsv.write(runDirectory, outcomes)) : Optional.empty();
    }

    /** Prints a line for each outcome not printed yet. */
    synchronized void printSummary(PrintWriter out)
    {
        for (FaultOutcome outcome : outcomes.subList(printed, outcomes.size())) {
            String window = outcome.injectedAtMs().isPresent()
                    ? outcome.clearedAtMs().isPresent()
                            ? "in effect for %.1f s".formatted((outcome.clearedAtMs().getAsLong() - outcome.injectedAtMs().getAsLong()) / 1e3)
                            : "injected, never cleared"
                    : "not injected";
            String recovery = outcome.recovery().recoveryMs().isPresent()
                    ? ", first success %.1f s after the injection".formatted(outcome.recovery().recoveryMs().getAsLong() / 1e3)
                    : "";
            String failed = outcome.recovery().failed() == 0 ? "" : ", %d queries failed".formatted(outcome.recovery().failed());
            out.printf("  fault %s: %s%s%s%s%n", outcome.fault(), window, recovery, failed, outcome.error().map(error -> " (" + error + ")").orElse(""));
        }
        printed = outcomes.size();
        out.flush();
    }

    @Override
    public void close()
    {
        publisher.ifPresent(FaultEventPublisher::close);
    }

    /** The faults of one step of the run, and what the step did while they were in effect. */
    final class Phase
            implements AutoCloseable
    {
        private final Optional<FaultRun> run;
        private long lastProgress;

        private Phase(Optional<FaultRun> run)
        {
            this.run = run;
        }

        /** Whether the phase has faults to inject, and so a recovery to observe. */
        boolean faulted()
        {
            return run.isPresent();
        }

        void observe(Observation observation)
        {
            run.ifPresent(faulted -> faulted.observe(observation));
        }

        /**
         * For a step whose work is a growing count (sub-chunks committed; {@link LandingObserver} times the rows landed):
         * each time it grew is a success at that moment, so recovery is the time from a fault until it grows again.
         */
        synchronized void progress(String key, long count)
        {
            if (count > lastProgress) {
                long now = System.currentTimeMillis();
                observe(new Observation(key, now, now, true));
                lastProgress = count;
            }
        }

        @Override
        public void close()
        {
            run.ifPresent(faulted -> {
                List<FaultOutcome> finished = faulted.finish();
                open.remove(faulted);
                synchronized (RunFaults.this) {
                    outcomes.addAll(finished);
                }
            });
        }
    }
}
