package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The servers of a stack, as probed when this was made. */
public record StackStatus(Path runDir, List<ServerStatus> servers) {
    public StackStatus {
        requireNonNull(runDir, "runDir");
        servers = List.copyOf(servers);
    }

    public Optional<ServerStatus> server(String name) {
        return servers.stream().filter(server -> server.name().equals(name)).findFirst();
    }

    /** Whether every server is healthy. */
    public boolean healthy() {
        return servers.stream().allMatch(ServerStatus::healthy);
    }

    /** One endpoint, e.g. {@code endpoint("kafka", "bootstrapServers")}. */
    public String endpoint(String server, String key) {
        ServerStatus status = server(server).orElseThrow(() -> new StackException(
                "server %s is not part of the stack in %s; start it too".formatted(server, runDir)));
        String value = status.endpoints().get(key);
        if (value == null) {
            throw new IllegalArgumentException("server %s has no endpoint '%s'; it has %s".formatted(server, key, status.endpoints().keySet()));
        }
        return value;
    }
}
