package io.sluice.cli;

import io.sluice.ops.OpsEndpoint;
import io.sluice.queryrunner.service.QueryRunnerService;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice query-runner}: runs benchmark plans when datasets become ready ({@code DatasetReady} in every
 * sink) or a {@code RunBenchmark} command asks, until stopped — as the chart's Deployment does.
 */
@Command(name = "query-runner", mixinStandardHelpOptions = true,
        description = "Run benchmark plans on Trino, ClickHouse and Spark when datasets become ready or RunBenchmark commands arrive, until stopped.")
final class QueryRunnerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(QueryRunnerCommand.class);

    @Mixin
    private RunDirOption runDir;

    @Mixin
    private MetricsOption metrics;

    @Option(names = "--plan", paramLabel = "FILE",
            description = "A plan file; its folder is the plans directory ($SLUICE_QUERY_RUNNER_PLANS_DIR). Default: the built-in plan.")
    private Path plan;

    @Override
    public Integer call() throws InterruptedException {
        Path dir = runDir.runDir();
        Map<String, String> env = BenchmarkEnvironment.of(ServiceEnvironment.current(dir), dir);
        if (plan != null) {
            env.put(QueryRunnerSettings.PLANS_DIR_ENV, plan.toAbsolutePath().getParent().toString());
        }
        QueryRunnerSettings settings = QueryRunnerSettings.fromEnvironment(env);
        OpsEndpoint ops = OpsEndpoint.start(metrics.settings(env));
        QueryRunnerService service;
        try {
            service = QueryRunnerService.start(settings);
        }
        catch (RuntimeException e) {
            ops.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            service.close();
            ops.close();
            stopped.countDown();
        }));
        log.info("query runner running, results in {}; stop it with Ctrl-C or SIGTERM", settings.resultsDir());
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (!service.isRunning()) {
                throw new IllegalStateException("the query runner stopped: " + service.failure().map(Throwable::getMessage).orElse("no reason given"));
            }
        }
        return 0;
    }
}
