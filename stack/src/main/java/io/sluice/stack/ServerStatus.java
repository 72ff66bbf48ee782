package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One server of a stack as probed now.
 *
 * @param pid the server's process (group leader)
 * @param healthy whether its process runs and its health probe passed
 * @param endpoints how clients reach it (keys per server: see the module README)
 */
public record ServerStatus(String name, long pid, boolean healthy, Map<String, String> endpoints) {
    public ServerStatus {
        requireNonNull(name, "name");
        endpoints = Map.copyOf(endpoints);
    }
}
