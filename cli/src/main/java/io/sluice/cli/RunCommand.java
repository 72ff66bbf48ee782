package io.sluice.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.faults.Fault;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.DatasetPlanConflictException;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.progress.TableProgress;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.registration.RegistrationService;
import io.sluice.ingest.registration.RegistrationSettings;
import io.sluice.ingest.tracker.DatasetWaitException;
import io.sluice.ingest.tracker.DatasetWaiter;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.ops.OpsEndpoint;
import io.sluice.ops.Readiness;
import io.sluice.queryrunner.plan.BenchmarkPlan;
import io.sluice.queryrunner.plan.PlanParser;
import io.sluice.queryrunner.plan.Plans;
import io.sluice.queryrunner.run.BenchmarkRunner;
import io.sluice.queryrunner.run.RunFiles;
import io.sluice.queryrunner.run.RunResult;
import io.sluice.queryrunner.service.BenchmarkSetup;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.queryrunner.service.ResultPublisher;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.Sink;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerKind;
import io.sluice.stack.ServerKinds;
import io.sluice.stack.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * {@code sluice run}: the whole pipeline on the local stack. Brings the stack up (or reuses it), runs the
 * completion tracker and a lander per sink in this process, generates the dataset, waits until every sink's
 * {@code DatasetReady} proves each chunk landed with equal rows and checksum, registers the Parquet tables in
 * Trino and prints what each stage did. The stack stays up so the data can be queried. With {@code --fault}, breaks
 * servers of the stack during the step the fault names; the rows and checksum of every chunk in every sink then
 * prove that nothing was lost or duplicated, and {@code faults.csv} in the run directory says how it recovered.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline end to end on the local stack: up, generate, land in every sink, verify, register in Trino.")
final class RunCommand implements Callable<Integer> {
    private static final Duration STACK_CHECK_INTERVAL = Duration.ofSeconds(5);

    @Spec
    private CommandSpec spec;

    @Mixin
    private UpCommand.StackOptions stack;

    @Mixin
    private DatasetOptions dataset;

    @Mixin
    private DatasetScopeOptions scope;

    @Mixin
    private MetricsOption metrics;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long to wait for every sink to be ready. Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds = 3600;

    @Option(names = "--plan", paramLabel = "FILE", description = "Benchmark plan (YAML or JSON). Default: the benchmark's built-in plan (all its queries on Trino, ClickHouse and Spark).")
    private Path plan;

    @Option(names = "--no-benchmark", description = "Stop after landing and registration; run no queries.")
    private boolean noBenchmark;

    @Option(names = "--fault", paramLabel = "TARGET:KIND@PHASE[/START][+DURATION]",
            description = "Break a server of the local stack during a step, e.g. kafka:kill@ingest, s3:outage@ingest+20s, "
                    + "clickhouse:kill@benchmark/5s+10s (repeatable). Targets: kafka, s3, clickhouse, trino; kinds: kill, pause, outage, "
                    + "slow and loss (not kafka: through a loopback proxy the run's clients use); "
                    + "phases: generate, ingest (generation and landing), benchmark. START: after the phase starts (default 0s); "
                    + "DURATION: until it is lifted (default 10s).")
    private List<String> faultTexts = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        long started = System.nanoTime();
        BenchmarkPlan chosen = checkRequest();
        List<Fault> faults = new ArrayList<>(parseFaults());
        if (!noBenchmark) {
            faults.addAll(chosen.faults());
        }
        PrintWriter err = spec.commandLine().getErr();
        // the services' registry and endpoint, bound before the stack starts so a port in use costs no start;
        // with --metrics-port every stage of the run can be scraped
        try (RunLock lock = RunLock.acquire(stack.settings().runDir(), "run", dataset.dataset(spec).toString());
                OpsEndpoint ops = OpsEndpoint.start(metrics.settings(System.getenv()))) {
            checkDiskSpace();
            StackStatus status = LocalStack.up(stack.settings(), DownloadBar.onStandardError(err));
            try (FaultProxies proxies = FaultProxies.start(faults, status)) {
                return run(started, chosen, faults, status, proxies, ops);
            }
        }
    }

    /**
     * Checks every option before the stack starts, which can take minutes on a fresh machine; returns the plan to run.
     */
    private BenchmarkPlan checkRequest() {
        DatasetId requested = dataset.dataset(spec);
        scope.check(spec, requested.benchmark());
        Map<String, String> requestedEnvironment = new HashMap<>(System.getenv());
        dataset.putInto(requestedEnvironment);
        scope.putInto(requestedEnvironment);
        GeneratorSettings.fromEnvironment(requestedEnvironment);
        UsageErrors.seconds(spec, "--timeout", timeoutSeconds);
        if (plan == null && !noBenchmark && !scope.tables().isEmpty() && !scope.tables().containsAll(requested.benchmark().tables())) {
            // every query of the built-in plan would fail on a missing table, on every engine
            throw new ParameterException(spec.commandLine(), "--tables: the built-in %s plan reads every table; with --tables %s pass --no-benchmark, or --plan with queries that read only those"
                    .formatted(requested.benchmark().id(), String.join(",", scope.tables())));
        }
        BenchmarkPlan chosen = plan == null ? Plans.defaultPlan(requested.benchmark()) : UsageErrors.check(spec, "--plan", () -> new PlanParser().parse(plan));
        if (!noBenchmark && chosen.benchmark() != requested.benchmark()) {
            throw new ParameterException(spec.commandLine(), "--plan: plan '%s' is for %s, the dataset is %s; use --benchmark %s, or --no-benchmark to only land the data"
                    .formatted(chosen.name(), chosen.benchmark().id(), requested, chosen.benchmark().id()));
        }
        return chosen;
    }

    /**
     * A new stack starts on empty server folders, so its disk must hold the whole dataset; a stack that runs already
     * may hold it, or part of it, from an earlier run, which the estimate cannot see, so it is not checked.
     */
    private void checkDiskSpace() {
        Path runDir = stack.settings().runDir();
        if (LocalStack.status(runDir).isPresent()) {
            return;
        }
        DiskSpace.of(runDir, dataset.dataset(spec), scope.tables(), DiskSpace.rates(runDir)).shortfall().ifPresent(reason -> {
            throw new ParameterException(spec.commandLine(), "--scale-factor %s: %s; choose a smaller scale factor or fewer --tables, or a --run-dir on a larger disk"
                    .formatted(dataset.scaleFactor, reason));
        });
    }

    private int run(long started, BenchmarkPlan chosen, List<Fault> faults, StackStatus status, FaultProxies proxies, OpsEndpoint ops) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = ServiceEnvironment.of(System.getenv(), Optional.of(proxies.route(status)));
        dataset.putInto(env);
        scope.putInto(env);
        GeneratorSettings generator = GeneratorSettings.fromEnvironment(env);
        DatasetId id = generator.dataset();
        Set<Sink> sinks = SinkServices.available();
        TrackerSettings trackerSettings = TrackerSettings.fromEnvironment(env)
                .withStateDir(status.runDir().resolve("tracker"))
                .withExpectedSinks(sinks);
        ops.readyWhen(() -> Readiness.ready("running the pipeline on " + id));
        MeterRegistry registry = ops.registry();
        ProgressBar bar = ProgressBar.forStandardError(err);

        String runId = BenchmarkRunner.newRunId(id);
        // where faults.csv goes when no benchmark run directory holds it
        Path faultsDirectory = BenchmarkEnvironment.resultsDir(env, status.runDir()).resolve(runId);
        PrintWriter out = spec.commandLine().getOut();
        try (RunFaults runFaults = RunFaults.of(runId, faults, stack.settings(), proxies.proxies(), generator.kafka(), registry);
                LandingServices landing = LandingServices.start(trackerSettings, sinks, env, id.toString(), registry);
                // on Ctrl-C: a paused server would stay paused, and services that do not leave their groups hold up the next run until Kafka times them out
                StopHook _ = StopHook.install(err, stopping(runFaults.any()), () -> {
                    runFaults.lift();
                    landing.close();
                }, stoppedEarly(runFaults.any()))) {
            landing.awaitRunning();
            GenerationSummary generated;
            Map<Sink, DatasetReady> ready;
            try (RunFaults.Phase ingest = runFaults.begin(FaultPhase.INGEST);
                    LandingObserver _ = LandingObserver.start(generator.kafka(), id, sinks, ingest)) {
                try (RunFaults.Phase generate = runFaults.begin(FaultPhase.GENERATE)) {
                    generated = new DatasetGenerator(generator, progress -> {
                        GenerateCommand.show(bar, progress);
                        // committed sub-chunks, not rows: rows count when encoded, and a producer buffers 64 MiB of
                        // them while the broker is down
                        generate.progress("generate", progress.tables().stream().mapToLong(TableProgress::subChunksCommitted).sum());
                    }, registry).run();
                }
                bar.finish();
                // a fault run stops servers on purpose, and restarts them itself
                StackWatch servers = new StackWatch(status.runDir(), STACK_CHECK_INTERVAL);
                ready = new DatasetWaiter(generator.kafka(), Topics.EVENTS).await(id, sinks, Duration.ofSeconds(timeoutSeconds), progress -> {
                    landing.checkRunning();
                    if (!runFaults.any()) {
                        servers.check();
                    }
                    LandingView.show(bar, progress, sinks);
                });
                bar.finish();
            }
            catch (DatasetPlanConflictException e) {
                throw new IllegalStateException(e.getMessage() + ": here, run 'sluice down' first (the next run starts every server empty, "
                        + "without any dataset), or give this run a stack of its own with --run-dir", e);
            }
            catch (DatasetWaitException e) {
                bar.finish();
                if (runFaults.any()) {
                    Path csv = runFaults.writeCsv(faultsDirectory).orElseThrow();
                    runFaults.printSummary(out);
                    out.printf("NOT EXACT after the faults: %s (faults: %s)%n", e.getMessage(), csv.toAbsolutePath());
                    out.flush();
                }
                throw LandingView.notReady("", id, dataset.scaleFactor, e,
                        "the run stops here, and its landers with it; the same command goes on where they stopped (pass a longer --timeout)");
            }
            List<String> registered = sinks.contains(Sink.PARQUET)
                    ? RegistrationService.register(RegistrationSettings.fromEnvironment(env), ready.get(Sink.PARQUET))
                    : List.of();
            printSummary(out, generated, ready, registered, Duration.ofNanos(System.nanoTime() - started));
            if (runFaults.any()) {
                runFaults.printSummary(out);
                out.printf("exact after the faults: every sink holds each chunk's rows and checksum as generated (%s)%n",
                        String.join(", ", ready.keySet().stream().map(Sink::label).sorted().toList()));
                out.flush();
            }
            long failures = 0;
            if (noBenchmark) {
                keepFaults(runFaults, faultsDirectory, out);
            }
            else {
                try {
                    failures = benchmark(env, status.runDir(), id, chosen, runId, runFaults, bar, registry);
                }
                catch (RuntimeException e) {
                    // the report that keeps them was not written: what the faults did goes where it would have been
                    runFaults.printSummary(out);
                    keepFaults(runFaults, faultsDirectory, out);
                    out.flush();
                    throw e;
                }
            }
            out.flush();
            if (failures > 0) {
                return SluiceCommand.EXIT_FAILURE;
            }
        }
        return 0;
    }

    /** Writes {@code faults.csv} where the run's report would be, and says where, when the run had faults. */
    private static void keepFaults(RunFaults faults, Path directory, PrintWriter out) {
        faults.writeCsv(directory).ifPresent(csv -> out.println("faults: " + csv.toAbsolutePath()));
    }

    private static String stopping(boolean faults) {
        return "sluice run: stopping; %staking the landers and the tracker out of their Kafka groups first".formatted(faults ? "lifting the faults and " : "");
    }

    private static String stoppedEarly(boolean faults) {
        return ("sluice run stopped before it finished%s. The local stack keeps running (sluice status shows it, sluice down stops it). "
                + "Run the same command again to go on: sub-chunks already in Kafka are not generated again, what has landed stays, "
                + "and each sink lands every chunk once.").formatted(faults ? ", and lifted its faults" : "");
    }

    /**
     * The faults of {@code --fault}, each one this run can apply, checked before the stack starts (which can take
     * minutes on a fresh machine).
     */
    private List<Fault> parseFaults() {
        Set<String> servers = ServerKinds.withRequirements(stack.settings().servers()).stream().map(ServerKind::name).collect(Collectors.toSet());
        return faultTexts.stream().map(text -> UsageErrors.check(spec, "--fault", () -> applicable(Fault.parse(text), servers))).toList();
    }

    /** A fault on a server of the stack, slow and loss only where a proxy can stand in front, and one for the benchmark only when there is one. */
    private Fault applicable(Fault fault, Set<String> servers) {
        if (!servers.contains(fault.target().label())) {
            throw new IllegalArgumentException("fault '%s': %s is not a server of the local stack; targets here: %s"
                    .formatted(fault, fault.target().label(), String.join(", ", servers.stream().filter(name -> !name.equals("kafka-controller")).sorted().toList())));
        }
        FaultProxies.check(fault);
        if (noBenchmark && fault.phase() == FaultPhase.QUERY) {
            throw new IllegalArgumentException("fault '%s' is for the benchmark, which --no-benchmark leaves out".formatted(fault));
        }
        return fault;
    }

    /**
     * Runs the plan on every engine, with the benchmark phase's faults; returns how many measured executions were
     * not ok (failed, timed out or wrong).
     */
    private long benchmark(Map<String, String> env, Path runDir, DatasetId id, BenchmarkPlan chosen, String runId, RunFaults faults, ProgressBar bar,
            MeterRegistry registry) {
        QueryRunnerSettings settings = QueryRunnerSettings.fromEnvironment(BenchmarkEnvironment.of(env, runDir, DownloadBar.onStandardError(spec.commandLine().getErr())));
        long total = chosen.executions();
        AtomicInteger done = new AtomicInteger();
        try (BenchmarkSetup setup = BenchmarkSetup.create(settings, registry); ResultPublisher publisher = new ResultPublisher(settings.kafka())) {
            RunResult run;
            try (RunFaults.Phase queries = faults.begin(FaultPhase.QUERY)) {
                run = setup.runner(execution -> {
                    queries.observe(execution.observation(System.currentTimeMillis()));
                    publisher.onExecution(execution);
                    bar.update("benchmark " + id, Optional.of((double) done.incrementAndGet() / total),
                            "%s %s run %d: %s".formatted(execution.engine(), execution.query(), execution.run(), execution.status()));
                }).run(runId, chosen, id, setup.drivers());
            }
            publisher.flush();
            bar.finish();
            PrintWriter out = spec.commandLine().getOut();
            if (faults.any()) {
                faults.printSummary(out);
                RunFiles.addFaults(run.directory(), faults.outcomes());
            }
            long failures = run.record().failures();
            out.printf("benchmark %s: %d executions on %s, %d not ok%s%n", run.record().runId(), run.record().executions().size(),
                    chosen.engines(), failures, failures == 0 ? "" : " (see " + run.csv().toAbsolutePath() + ")");
            out.println("report: " + run.report().toAbsolutePath());
            out.flush();
            return failures;
        }
    }

    private static void printSummary(PrintWriter out, GenerationSummary generated, Map<Sink, DatasetReady> ready, List<String> registered, Duration wall) {
        DatasetReady any = ready.values().iterator().next();
        out.printf("dataset %s: %,d rows in %d tables, verified in every sink (rows and checksum of each chunk)%n",
                generated.dataset(), any.rows(), any.tables().size());
        out.printf("  %-16s %,12d rows %10.1f MB %8.1f s %14s%s%n", "generate", generated.rows(), generated.bytes() / 1e6,
                generated.elapsed().toMillis() / 1e3, ProgressBar.rate(generated.rowsPerSecond()),
                generated.subChunksSkipped() == 0 ? "" : "  (%d sub-chunks already in Kafka)".formatted(generated.subChunksSkipped()));
        LandingView.printSinks(out, ready);
        out.printf("  wall time %.1f s%n", wall.toMillis() / 1e3);
        if (!registered.isEmpty()) {
            out.printf("  query it: %d Trino tables in hive.%s; ClickHouse database %s%n", registered.size(),
                    generated.dataset().databaseName(), generated.dataset().databaseName());
        }
        out.flush();
    }
}
