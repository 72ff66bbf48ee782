package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What {@code up} records in {@code <runDir>/stack.json} (mode 600, it holds the S3 credentials) so that
 * status, down and a server's restart work from another JVM.
 */
record StackState(List<Server> servers) {
    static final String FILE_NAME = "stack.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    StackState {
        servers = List.copyOf(servers);
    }

    /** The started servers, then the ones launched and not started yet (recorded without endpoints). */
    static StackState of(Collection<RunningServer> servers, Collection<ChildProcess> launching) {
        return new StackState(Stream.concat(servers.stream(), launching.stream().map(child -> new RunningServer(child.name(), child, Map.of())))
                .map(Server::of)
                .toList());
    }

    /**
     * @param spec how the server was started, to restart it with the same data dir, ports and credentials; null in
     *     a file written before it was recorded (such a server can be stopped, not restarted)
     */
    record Server(String name, long pid, String startedAt, String logFile, Map<String, String> endpoints, ProcessSpec spec) {
        Server {
            requireNonNull(name, "name");
            requireNonNull(startedAt, "startedAt");
            requireNonNull(logFile, "logFile");
            endpoints = Map.copyOf(endpoints);
        }

        static Server of(RunningServer server) {
            ChildProcess process = server.process();
            return new Server(server.name(), process.pid(), process.startedAt().toString(), process.logFile().toString(), server.endpoints(),
                    process.spec().orElse(null));
        }

        RunningServer reattach() {
            return new RunningServer(name, ChildProcess.reattach(name, pid, Instant.parse(startedAt), Path.of(logFile), Optional.ofNullable(spec)), endpoints);
        }
    }

    /**
     * The recorded servers, reattached; a launch that ended before it started (its JVM stopped by Ctrl-C, which stops
     * it too) is left out, while one that still runs (its JVM was killed) is kept for {@code down} or {@code up} to stop.
     */
    List<RunningServer> reattach() {
        return servers.stream()
                .map(Server::reattach)
                .filter(server -> !server.endpoints().isEmpty() || server.process().isAlive())
                .toList();
    }

    /**
     * A recorded server's requirement that is not recorded, as in a stack started by an older sluice (Kafka's
     * controller became a server of its own): starting the missing server beside it would make a second, empty
     * cluster instead of joining the running one.
     */
    Optional<String> unmetRequirement() {
        Set<String> recorded = servers.stream().map(Server::name).collect(Collectors.toSet());
        return servers.stream()
                .flatMap(server -> ServerKinds.byName(server.name()).stream()
                        .flatMap(kind -> kind.requires().stream())
                        .filter(required -> !recorded.contains(required))
                        .map(required -> server.name() + " runs without " + required))
                .findFirst();
    }

    static Optional<StackState> read(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), StackState.class));
        } catch (IOException e) {
            throw new StackException("cannot read %s (%s); stop its processes by hand and delete it".formatted(file, e.getMessage()), e);
        }
    }

    void write(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        Path tmp = runDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StackException("cannot write %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    static void delete(Path runDir) {
        try {
            Files.deleteIfExists(runDir.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new StackException("cannot delete %s: %s".formatted(runDir.resolve(FILE_NAME), e.getMessage()), e);
        }
    }
}
