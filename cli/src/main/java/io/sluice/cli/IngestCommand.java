package io.sluice.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.ingest.registration.RegistrationService;
import io.sluice.ingest.registration.RegistrationSettings;
import io.sluice.ingest.tracker.CompletionTracker;
import io.sluice.ingest.tracker.RunningTracker;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.schema.event.Sink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code sluice ingest SERVICE}: runs one ingestion service until it is stopped (SIGTERM / Ctrl-C), as a pod does.
 * Settings come from the {@code SLUICE_*} environment, with the local stack's endpoints where it is unset.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run an ingestion service until stopped: parquet (lander), clickhouse (lander), tracker (completion tracker), registration (Trino tables).")
final class IngestCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "parquet, clickhouse, tracker or registration")
    private String service;

    @Option(names = "--sources", paramLabel = "IDS",
            description = "Landers: comma-separated dataset ids (tpch.sf1) or benchmarks (tpch) to land. Default: $SLUICE_LANDER_SOURCES.")
    private String sources;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = ServiceEnvironment.current(runDir.runDir());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AutoCloseable running = switch (service.toLowerCase(Locale.ROOT)) {
            case "parquet" -> SinkServices.start(Sink.PARQUET, env, sources, registry);
            case "clickhouse" -> SinkServices.start(Sink.CLICKHOUSE, env, sources, registry);
            case "tracker" -> CompletionTracker.start(TrackerSettings.fromEnvironment(env), registry);
            case "registration" -> RegistrationService.start(RegistrationSettings.fromEnvironment(env));
            default -> throw new IllegalArgumentException("unknown service '%s'; choose parquet, clickhouse, tracker or registration".formatted(service));
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            close(running);
            stopped.countDown();
        }));
        spec.commandLine().getErr().println("ingest " + service + " running; stop it with Ctrl-C or SIGTERM");
        spec.commandLine().getErr().flush();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (running instanceof RunningLander lander && !lander.isRunning()) {
                throw new IllegalStateException("the " + service + " lander stopped: " + lander.failure().map(Throwable::getMessage).orElse("no reason given"));
            }
            if (running instanceof RunningTracker tracker && tracker.failure().isPresent()) {
                throw new IllegalStateException("the tracker stopped: " + tracker.failure().get().getMessage());
            }
        }
        return 0;
    }

    private static void close(AutoCloseable running) {
        try {
            running.close();
        }
        catch (Exception e) {
            System.err.println("error: stopping failed: " + e.getMessage());
        }
    }

}
