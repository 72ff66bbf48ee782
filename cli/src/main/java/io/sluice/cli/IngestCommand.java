package io.sluice.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.ingest.registration.RegistrationService;
import io.sluice.ingest.registration.RegistrationSettings;
import io.sluice.ingest.tracker.CompletionTracker;
import io.sluice.ingest.tracker.RunningTracker;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.ops.MetricsSettings;
import io.sluice.ops.OpsEndpoint;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.settings.EnvironmentReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

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
        MetricsSettings metricsSettings = metrics.settings(env);
        Function<OpsEndpoint, AutoCloseable> start = prepare(env);
        KafkaProbe.requireReachableUnlessDeployed(System.getenv(), KafkaClientSettings.fromEnvironment(env), runDir.runDir(), KafkaProbe.TIMEOUT);
        ServiceLifetime.runUntilStopped("ingest " + service, OpsEndpoint.start(metricsSettings), start, IngestCommand::failure);
        return 0;
    }

    /** The service with its settings read, so that a bad one fails before anything starts. */
    private Function<OpsEndpoint, AutoCloseable> prepare(Map<String, String> env) {
        String name = service.toLowerCase(Locale.ROOT);
        if (sources != null && !name.equals("parquet") && !name.equals("clickhouse")) {
            throw new ParameterException(spec.commandLine(), "--sources is for the landers (parquet, clickhouse); ingest %s follows every dataset".formatted(service));
        }
        switch (name) {
            case "parquet", "clickhouse" -> {
                checkSources(env);
                Function<MeterRegistry, RunningLander> lander = SinkServices.prepare(service.equalsIgnoreCase("parquet") ? Sink.PARQUET : Sink.CLICKHOUSE, env, sources);
                return ops -> {
                    RunningLander running = lander.apply(ops.registry());
                    ops.readyWhen(running::readiness);
                    return running;
                };
            }
            case "tracker" -> {
                TrackerSettings settings = TrackerSettings.fromEnvironment(env);
                return ops -> {
                    RunningTracker tracker = CompletionTracker.start(settings, ops.registry());
                    ops.readyWhen(tracker::readiness);
                    return tracker;
                };
            }
            case "registration" -> {
                RegistrationSettings settings = RegistrationSettings.fromEnvironment(env);
                return ops -> {
                    RegistrationService registration = RegistrationService.start(settings);
                    ops.readyWhen(registration::readiness);
                    return registration;
                };
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown service '%s'; choose parquet, clickhouse, tracker or registration".formatted(service));
        }
    }

    /** What a lander reads is the one setting without a default, so on the command line it is a usage error. */
    private void checkSources(Map<String, String> env) {
        if (sources == null) {
            if (env.getOrDefault(LanderSettings.SOURCES_ENV, "").isBlank()) {
                throw new ParameterException(spec.commandLine(), "name what to land with --sources (or %s): dataset ids (tpch.sf1), benchmarks (tpch) or tables (tpch.sf1.lineitem), comma-separated"
                        .formatted(LanderSettings.SOURCES_ENV));
            }
            return;
        }
        try {
            LanderSettings.checkSources(EnvironmentReader.splitList(sources));
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--sources " + e.getMessage(), e);
        }
    }

    private static Optional<String> failure(AutoCloseable running) {
        if (running instanceof RunningLander lander) {
            return ServiceLifetime.stoppedBecause(lander.isRunning(), lander.failure());
        }
        if (running instanceof RunningTracker tracker) {
            return tracker.failure().map(Throwable::getMessage);
        }
        if (running instanceof RegistrationService registration) {
            return ServiceLifetime.stoppedBecause(registration.isRunning(), registration.failure());
        }
        return Optional.empty();
    }

}
