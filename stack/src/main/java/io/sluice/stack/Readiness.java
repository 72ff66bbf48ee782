package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a starting server to become healthy, and stops it when it does not. */
public final class Readiness {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private Readiness() {}

    /**
     * Polls {@code healthy} until it holds. Stops the process and throws StackException if the process exits
     * first or the timeout passes.
     */
    public static void await(String server, ChildProcess process, Duration timeout, BooleanSupplier healthy) {
        requireNonNull(server, "server");
        requireNonNull(process, "process");
        requireNonNull(healthy, "healthy");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!healthy.getAsBoolean()) {
            if (!process.isAlive()) {
                String exit = process.exitCode().stream().mapToObj(code -> " with code " + code).findFirst().orElse("");
                process.stop(STOP_GRACE);
                throw new StackException("%s exited%s while starting".formatted(server, exit));
            }
            if (System.nanoTime() > deadline) {
                process.stop(STOP_GRACE);
                throw new StackException("%s did not become healthy within %ds; raise the start timeout or see its log"
                        .formatted(server, timeout.toSeconds()));
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.stop(STOP_GRACE);
                throw new StackException("interrupted while starting " + server, e);
            }
        }
    }
}
