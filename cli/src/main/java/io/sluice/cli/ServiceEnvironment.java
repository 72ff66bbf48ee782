package io.sluice.cli;

import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackStatus;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The {@code SLUICE_*} settings the services read, as this process sees them: its environment, with the
 * endpoints of a local stack filled in where the environment leaves them unset. Services read only this map,
 * so they run the same in a pod (environment from the chart) and here (endpoints from {@code sluice up}, and the
 * tracker service's state in the stack's run dir).
 */
final class ServiceEnvironment {
    /** Where {@code sluice ingest tracker} keeps its state on a local stack, in the stack's run dir. */
    private static final String TRACKER_SERVICE_DIR = "ingest-tracker";

    private ServiceEnvironment() {}

    static Map<String, String> of(Map<String, String> environment, Optional<StackStatus> stack) {
        requireNonNull(environment, "environment");
        Map<String, String> settings = new HashMap<>();
        stack.ifPresent(status -> fromStack(status, settings));
        environment.forEach((name, value) -> {
            if (!value.isBlank()) {
                settings.put(name, value);
            }
        });
        return settings;
    }

    /** The process environment over the stack running in {@code runDir}, if one runs there. */
    static Map<String, String> current(Path runDir) {
        return of(System.getenv(), LocalStack.status(runDir));
    }

    /** Whether {@code bootstrapServers} is the broker of the local stack in {@code runDir}, so its hints apply. */
    static boolean isLocalStackKafka(Path runDir, String bootstrapServers) {
        requireNonNull(bootstrapServers, "bootstrapServers is null");
        return LocalStack.status(runDir).flatMap(status -> endpoint(status, "kafka", "bootstrapServers")).filter(bootstrapServers::equals).isPresent();
    }

    private static void fromStack(StackStatus status, Map<String, String> settings) {
        endpoint(status, "kafka", "bootstrapServers").ifPresent(value -> settings.put("SLUICE_KAFKA_BOOTSTRAP_SERVERS", value));
        endpoint(status, "s3", "endpoint").ifPresent(value -> settings.put("SLUICE_S3_ENDPOINT", value));
        endpoint(status, "s3", "bucket").ifPresent(value -> settings.put("SLUICE_S3_BUCKET", value));
        endpoint(status, "s3", "region").ifPresent(value -> settings.put("SLUICE_S3_REGION", value));
        endpoint(status, "s3", "accessKey").ifPresent(value -> settings.put("SLUICE_S3_ACCESS_KEY", value));
        endpoint(status, "s3", "secretKey").ifPresent(value -> settings.put("SLUICE_S3_SECRET_KEY", value));
        endpoint(status, "clickhouse", "jdbcUrl").ifPresent(value -> settings.put("SLUICE_CLICKHOUSE_URL", value));
        endpoint(status, "trino", "jdbcUrl").ifPresent(value -> settings.put("SLUICE_TRINO_JDBC_URL", value));
        // each stack's own: a tracker service of another stack on this machine would find the shared default locked
        settings.put(TrackerSettings.STATE_DIR_ENV, status.runDir().resolve(TRACKER_SERVICE_DIR).toString());
    }

    private static Optional<String> endpoint(StackStatus status, String server, String key) {
        return status.server(server).map(ServerStatus::endpoints).map(endpoints -> endpoints.get(key));
    }
}
