package io.sluice.cli;

import io.sluice.ingest.lander.RunningLander;
import io.sluice.ingest.registration.RegistrationService;
import io.sluice.ingest.registration.RegistrationSettings;
import io.sluice.ingest.tracker.CompletionTracker;
import io.sluice.ingest.tracker.RunningTracker;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.ops.OpsEndpoint;
import io.sluice.ops.Readiness;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

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

    @Mixin
    private MetricsOption metrics;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "parquet, clickhouse, tracker or registration")
    private String service;

    @Option(names = "--sources", paramLabel = "IDS",
            description = "Landers: comma-separated dataset ids (tpch.sf1) or benchmarks (tpch) to land. Default: $SLUICE_LANDER_SOURCES.")
    private String sources;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = ServiceEnvironment.current(runDir.runDir());
        KafkaProbe.requireReachableUnlessDeployed(System.getenv(), KafkaClientSettings.fromEnvironment(env), runDir.runDir(), KafkaProbe.TIMEOUT);
        ServiceLifetime.runUntilStopped("ingest " + service, OpsEndpoint.start(metrics.settings(env)), ops -> start(env, ops), IngestCommand::failure);
        return 0;
    }

    private AutoCloseable start(Map<String, String> env, OpsEndpoint ops) {
        switch (service.toLowerCase(Locale.ROOT)) {
            case "parquet", "clickhouse" -> {
                Sink sink = service.equalsIgnoreCase("parquet") ? Sink.PARQUET : Sink.CLICKHOUSE;
                RunningLander lander = SinkServices.start(sink, env, sources, ops.registry());
                ops.readyWhen(lander::readiness);
                return lander;
            }
            case "tracker" -> {
                RunningTracker tracker = CompletionTracker.start(TrackerSettings.fromEnvironment(env), ops.registry());
                ops.readyWhen(tracker::readiness);
                return tracker;
            }
            case "registration" -> {
                AutoCloseable registration = RegistrationService.start(RegistrationSettings.fromEnvironment(env));
                ops.readyWhen(() -> Readiness.ready("registering Parquet datasets in Trino"));
                return registration;
            }
            default -> throw new IllegalArgumentException("unknown service '%s'; choose parquet, clickhouse, tracker or registration".formatted(service));
        }
    }

    private static Optional<String> failure(AutoCloseable running) {
        if (running instanceof RunningLander lander && !lander.isRunning()) {
            return Optional.of(lander.failure().map(Throwable::getMessage).orElse("no reason given"));
        }
        if (running instanceof RunningTracker tracker) {
            return tracker.failure().map(Throwable::getMessage);
        }
        return Optional.empty();
    }

}
