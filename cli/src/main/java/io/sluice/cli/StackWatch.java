package io.sluice.cli;

import io.sluice.stack.LocalStack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Whether the local stack's servers still run, for a command that waits on them. A server killed or crashed during
 * a run would leave it waiting until its timeout while the landers retry, as they must when a fault run breaks a
 * server on purpose. Looks at the processes only, at most once an interval.
 */
final class StackWatch {
    private final Path runDir;
    private final long intervalNanos;
    private long checkedAtNanos;

    StackWatch(Path runDir, Duration interval) {
        this.runDir = requireNonNull(runDir, "runDir is null");
        this.intervalNanos = requireNonNull(interval, "interval is null").toNanos();
        this.checkedAtNanos = System.nanoTime();
    }

    /**
     * @throws IllegalStateException naming the servers that stopped, their logs, and how to go on
     */
    void check() {
        long now = System.nanoTime();
        if (now - checkedAtNanos < intervalNanos) {
            return;
        }
        checkedAtNanos = now;
        Map<String, Path> stopped = LocalStack.stoppedServers(runDir);
        if (!stopped.isEmpty()) {
            throw new IllegalStateException("the local stack's %s stopped during the run (%s); 'sluice up' starts %s again on %s data, then the same command goes on where it stopped"
                    .formatted(String.join(" and ", stopped.keySet()),
                            stopped.entrySet().stream().map(server -> server.getKey() + " log: " + server.getValue()).collect(Collectors.joining(", ")),
                            stopped.size() == 1 ? "it" : "them", stopped.size() == 1 ? "its" : "their"));
        }
    }
}
