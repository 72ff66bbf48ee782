package io.sluice.stack;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** One kind of server the local stack runs (kafka-controller, kafka, s3, clickhouse, trino). Stateless. */
public interface ServerKind {
    /** The server's name: lower case, used in options ({@code --<name>-port}), the run dir and endpoint keys. */
    String name();

    /** Servers this one needs started before it (their endpoints are in {@link ServerContext#started()}). */
    default Set<String> requires() {
        return Set.of();
    }

    /**
     * Starts the server and returns once it is healthy.
     *
     * @throws StackException with a one-line reason and remedy; the kind stops what it started before throwing
     */
    RunningServer start(ServerContext context);

    /** Probes health now using only the recorded endpoints (also from another JVM, for {@code sluice status}). */
    boolean healthy(Map<String, String> endpoints);

    /**
     * Runs between stopping the server and starting it again in {@link LocalStack#restart}: where a server must wait
     * for something outside its own process first. Nothing by default.
     *
     * @throws StackException if the server cannot be started again safely
     */
    default void prepareRestart() {}

    /**
     * Waits until a just started process serves clients ({@link #healthy} by default); used when
     * {@link LocalStack#restart} starts the server again on its data dir.
     *
     * @throws StackException if the process exits first or the timeout passes (the process is then stopped)
     */
    default void awaitReady(ChildProcess process, Map<String, String> endpoints, Duration timeout) {
        Readiness.await(name(), process, timeout, () -> healthy(endpoints));
    }
}
