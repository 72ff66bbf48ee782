package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What stack to run.
 *
 * @param runDir where the servers' data, logs and the state file live
 * @param servers the servers to start (their requirements are added); see {@link ServerKinds}
 * @param fixedPorts client ports the user fixed, by server name; other ports are free ones chosen at start
 * @param bucket the bucket the S3 store serves
 * @param startTimeout how long each server may take to become healthy
 */
public record StackSettings(Path runDir, List<String> servers, Map<String, Integer> fixedPorts, String bucket, Duration startTimeout) {
    public static final String DEFAULT_BUCKET = "sluice";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    public StackSettings {
        runDir = requireNonNull(runDir, "runDir").toAbsolutePath().normalize();
        servers = List.copyOf(servers);
        fixedPorts = Map.copyOf(fixedPorts);
        requireNonNull(bucket, "bucket");
        requireNonNull(startTimeout, "startTimeout");
        if (servers.isEmpty()) {
            throw new StackException("no servers to start; choose some of %s with --servers".formatted(String.join(", ", ServerKinds.names())));
        }
        servers.forEach(StackSettings::requireKnown);
        fixedPorts.forEach((server, port) -> {
            requireKnown(server);
            if (port < 1 || port > 65535) {
                throw new StackException("port %d for %s is not valid; choose one in 1-65535 with --%s-port".formatted(port, server, server));
            }
        });
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new StackException("bucket name '%s' is not a valid S3 bucket name; use 3-63 lower-case letters, digits, '.' or '-' with --bucket"
                    .formatted(bucket));
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new StackException("start timeout must be positive, got %d s; set --start-timeout in seconds".formatted(startTimeout.toSeconds()));
        }
    }

    /** All servers, free ports, bucket {@value #DEFAULT_BUCKET}, in the {@link #defaultRunDir() default run dir}. */
    public static StackSettings defaults() {
        return new StackSettings(defaultRunDir(), ServerKinds.names(), Map.of(), DEFAULT_BUCKET, DEFAULT_START_TIMEOUT);
    }

    /** {@code $SLUICE_HOME} if set, else {@code .sluice} in the working directory. */
    public static Path defaultRunDir() {
        return Optional.ofNullable(System.getenv("SLUICE_HOME")).filter(value -> !value.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(".sluice"));
    }

    public StackSettings withRunDir(Path runDir) {
        return new StackSettings(runDir, servers, fixedPorts, bucket, startTimeout);
    }

    public StackSettings withServers(List<String> servers) {
        return new StackSettings(runDir, servers, fixedPorts, bucket, startTimeout);
    }

    public StackSettings withFixedPorts(Map<String, Integer> fixedPorts) {
        return new StackSettings(runDir, servers, fixedPorts, bucket, startTimeout);
    }

    private static void requireKnown(String server) {
        if (ServerKinds.byName(server).isEmpty()) {
            throw new StackException("unknown server '%s'; choose from %s with --servers".formatted(server, String.join(", ", ServerKinds.names())));
        }
    }
}
