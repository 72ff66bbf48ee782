package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * A server a {@link ServerKind} started and found healthy.
 *
 * @param name the kind's name
 * @param process the server's process (its whole process group is stopped with it)
 * @param endpoints how clients reach it; the keys per kind are fixed (see the module README)
 */
public record RunningServer(String name, ChildProcess process, Map<String, String> endpoints) {
    public RunningServer {
        requireNonNull(name, "name");
        requireNonNull(process, "process");
        endpoints = Map.copyOf(endpoints);
    }
}
