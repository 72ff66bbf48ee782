package io.sluice.cli;

import io.sluice.ops.MetricsSettings;
import io.sluice.ops.OpsEndpoint;
import io.sluice.ops.Readiness;
import io.sluice.queryrunner.plan.BenchmarkPlan;
import io.sluice.queryrunner.plan.PlanParser;
import io.sluice.queryrunner.plan.Plans;
import io.sluice.queryrunner.service.QueryRunnerService;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.stack.DownloadProgress;
import io.sluice.stack.LocalStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code sluice query-runner}: runs benchmark plans when datasets become ready ({@code DatasetReady} in every
 * sink) or a {@code RunBenchmark} command asks, until stopped — as the chart's Deployment does.
 */
@Command(name = "query-runner", mixinStandardHelpOptions = true,
        description = "Run benchmark plans on Trino, ClickHouse and Spark when datasets become ready or RunBenchmark commands arrive, until stopped.")
final class QueryRunnerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(QueryRunnerCommand.class);

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Mixin
    private MetricsOption metrics;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "A plan file: the plan a ready dataset runs ($SLUICE_QUERY_RUNNER_READY_PLANS unless set), its folder the plans directory ($SLUICE_QUERY_RUNNER_PLANS_DIR), whose other plans run on RunBenchmark. Default: the built-in plans.")
    private Path plan;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = runDir.runDir();
        Map<String, String> env = ServiceEnvironment.current(dir);
        // On one machine the results and a Spark home live in the run directory; a pod gets both from the chart.
        if (LocalStack.status(dir).isPresent()) {
            // a service logs each fetch (Artifacts does); progress bars are for the interactive commands
            env = BenchmarkEnvironment.of(env, dir, DownloadProgress.none());
        }
        if (plan != null) {
            Path file = plan.toAbsolutePath();
            env.put(QueryRunnerSettings.PLANS_DIR_ENV, file.getParent().toString());
            // the chart's "plan it runs": the folder's other plans (and the built-in ones) run when a command names them
            env.putIfAbsent(QueryRunnerSettings.READY_PLANS_ENV, checkPlanFile(file).name());
        }
        QueryRunnerSettings settings = QueryRunnerSettings.fromEnvironment(env);
        checkPlans(settings);
        MetricsSettings metricsSettings = metrics.settings(env);
        KafkaProbe.requireReachableUnlessDeployed(System.getenv(), settings.kafka(), dir, KafkaProbe.TIMEOUT);
        log.info("query runner results go to {}", settings.resultsDir());
        ServiceLifetime.runUntilStopped("query runner", OpsEndpoint.start(metricsSettings), ops -> {
                    QueryRunnerService service = QueryRunnerService.start(settings, ops.registry());
                    ops.readyWhen(() -> service.isRunning() ? Readiness.ready("running benchmark plans") : Readiness.notReady("the query runner stopped"));
                    return service;
                },
                service -> ServiceLifetime.stoppedBecause(service.isRunning(), service.failure()));
        return 0;
    }

    /** {@code --plan} names a file the service would read, and it parses. */
    private BenchmarkPlan checkPlanFile(Path file) {
        if (!Plans.isPlanFile(file)) {
            throw new ParameterException(spec.commandLine(), "--plan: %s: a plan file's name ends in .yaml, .yml or .json (the query runner reads those of its folder)".formatted(file));
        }
        return UsageErrors.check(spec, "--plan", () -> new PlanParser().parse(file));
    }

    /**
     * The service reads every plan of its plans directory when it starts, after it has reached Kafka: a broken one is
     * named here first, as a usage error of {@code --plan} when that option chose the directory.
     */
    private void checkPlans(QueryRunnerSettings settings) {
        if (plan == null) {
            QueryRunnerService.readyPlans(QueryRunnerService.plans(settings), settings);
        }
        else {
            UsageErrors.check(spec, "--plan", () -> QueryRunnerService.readyPlans(Plans.load(settings.plansDir()), settings));
        }
    }
}
