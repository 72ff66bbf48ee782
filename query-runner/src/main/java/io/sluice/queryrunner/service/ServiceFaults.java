package io.sluice.queryrunner.service;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.faults.Fault;
import io.sluice.faults.FaultInjector;
import io.sluice.faults.FaultMetrics;
import io.sluice.faults.FaultOutcome;
import io.sluice.faults.FaultRun;
import io.sluice.faults.FaultSettings;
import io.sluice.faults.FaultsCsv;
import io.sluice.faults.Observation;
import io.sluice.faults.kafka.FaultEventPublisher;
import io.sluice.faults.kubernetes.KubernetesFaultInjector;
import io.sluice.queryrunner.plan.BenchmarkPlan;
import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionListener;
import io.sluice.queryrunner.run.RunFiles;
import io.sluice.queryrunner.run.RunResult;
import io.sluice.schema.command.RunFault;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The query runner's fault runs: the faults of a plan, broken while the plan runs, and the fault of each
 * {@code RunFault} command, broken from when it arrives. Every execution of a benchmark run in progress is an
 * observation for every active fault run, so a fault's recovery is read from the queries around it. A command's
 * fault run ends {@link #RECOVERY_WINDOW} after the fault is lifted; each run's outcome goes to
 * {@code <results dir>/<run id>/faults.csv} (a plan's: beside its results, with the report rendered again).
 */
final class ServiceFaults
        implements AutoCloseable
{
    static final Duration RECOVERY_WINDOW = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ServiceFaults.class);

    private final Optional<FaultInjector> injector;
    private final Consumer<PipelineEvent> events;
    private final Path resultsDir;
    private final Clock clock;
    private final Duration recoveryWindow;
    private final List<AutoCloseable> resources;
    private final Set<FaultRun> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService endings = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sluice-fault-run-end").factory());

    ServiceFaults(Optional<FaultInjector> injector, Consumer<PipelineEvent> events, Path resultsDir, Clock clock, Duration recoveryWindow, List<AutoCloseable> resources)
    {
        this.recoveryWindow = requireNonNull(recoveryWindow, "recoveryWindow is null");
        this.injector = requireNonNull(injector, "injector is null");
        this.events = requireNonNull(events, "events is null");
        this.resultsDir = requireNonNull(resultsDir, "resultsDir is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.resources = List.copyOf(resources);
    }

    /** The injector the settings name: none, or the pods of a Helm release through the Kubernetes API. */
    static ServiceFaults create(FaultSettings settings, KafkaClientSettings kafka, Path resultsDir, MeterRegistry registry)
    {
        if (settings.injector() == FaultSettings.Injector.NONE) {
            return new ServiceFaults(Optional.empty(), _ -> {}, resultsDir, Clock.systemUTC(), RECOVERY_WINDOW, List.of());
        }
        KubernetesClient client = new KubernetesClientBuilder().build();
        String namespace = settings.namespace().orElseGet(client::getNamespace);
        FaultEventPublisher publisher = new FaultEventPublisher(kafka, "sluice-query-runner-faults");
        return new ServiceFaults(Optional.of(new KubernetesFaultInjector(client, namespace, settings.release())), publisher.andThen(new FaultMetrics(registry)), resultsDir,
                Clock.systemUTC(), RECOVERY_WINDOW, List.of(publisher, client));
    }

    /**
     * Fails with one line when a plan has a fault this service cannot inject, so a wrong plan stops startup.
     */
    void check(Collection<BenchmarkPlan> plans)
    {
        for (BenchmarkPlan plan : plans) {
            for (Fault fault : plan.faults()) {
                requireInjector("plan '%s' has fault %s".formatted(plan.name(), fault)).check(fault);
            }
        }
    }

    /** Feeds every execution to the active fault runs. */
    ExecutionListener observer()
    {
        return execution -> observe(execution, clock.millis());
    }

    /** Runs {@code run} (the plan's run {@code runId}) with the plan's faults, and writes their outcome beside its results. */
    RunResult run(String runId, BenchmarkPlan plan, Supplier<RunResult> run)
    {
        if (plan.faults().isEmpty()) {
            return run.get();
        }
        FaultRun faults = FaultRun.start(runId, FaultPhase.QUERY, plan.faults(), requireInjector("plan " + plan.name()), events, clock);
        active.add(faults);
        RunResult result;
        List<FaultOutcome> outcomes;
        try (faults) {
            result = run.get();
            outcomes = faults.finish();
        }
        finally {
            active.remove(faults);
        }
        RunFiles.addFaults(result.directory(), outcomes);
        return result;
    }

    /**
     * Starts the fault a command asks for.
     *
     * @return why the command is rejected, if it is
     */
    Optional<String> start(RunFault command)
    {
        Fault fault;
        try {
            fault = Fault.of(command);
            requireInjector("RunFault " + command.runId()).check(fault);
        }
        catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        FaultRun run = FaultRun.start(command.runId(), fault.phase(), List.of(fault), injector.orElseThrow(), events, clock);
        active.add(run);
        long endMs = fault.start().plus(fault.duration()).plus(recoveryWindow).toMillis();
        endings.schedule(() -> end(command.runId(), run), endMs, TimeUnit.MILLISECONDS);
        LOG.info("fault run {}: {} started; it ends in {} ms", command.runId(), fault, endMs);
        return Optional.empty();
    }

    private void end(String runId, FaultRun run)
    {
        active.remove(run);
        try {
            FaultsCsv.write(resultsDir.resolve(runId), run.finish());
        }
        catch (RuntimeException e) {
            LOG.error("fault run {}: cannot record its outcome: {}", runId, e.getMessage(), e);
        }
    }

    private void observe(Execution execution, long nowMs)
    {
        Observation observation = execution.observation(nowMs);
        active.forEach(run -> run.observe(observation));
    }

    private FaultInjector requireInjector(String what)
    {
        return injector.orElseThrow(() -> new IllegalArgumentException("%s, but fault runs are off: set %s=%s (chart: faults.enabled=true)".formatted(
                what, FaultSettings.INJECTOR_ENV, FaultSettings.Injector.KUBERNETES.label())));
    }

    /** Ends the command fault runs still active (clearing their faults), then closes the injector's clients. */
    @Override
    public void close()
    {
        endings.shutdownNow();
        active.forEach(FaultRun::close);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            }
            catch (Exception e) {
                LOG.warn("cannot close {}: {}", resource, e.getMessage());
            }
        }
    }
}
