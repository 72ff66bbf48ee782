package io.sluice.cli;

import io.sluice.ops.OpsEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Runs a long-lived service the way a pod does: its ops endpoint up first, then the service, until SIGTERM or
 * Ctrl-C closes both; a service that stops by itself fails the command with its reason.
 */
final class ServiceLifetime {
    private static final Logger log = LoggerFactory.getLogger(ServiceLifetime.class);

    private ServiceLifetime() {}

    /**
     * @param start starts the service, registering its readiness with the endpoint
     * @param failure why the running service stopped by itself, if it did
     */
    static <S extends AutoCloseable> void runUntilStopped(String name, OpsEndpoint ops, Function<OpsEndpoint, S> start, Function<S, Optional<String>> failure)
            throws InterruptedException {
        S service;
        try {
            service = start.apply(ops);
        }
        catch (RuntimeException e) {
            ops.close();
            throw e;
        }
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            stopping.set(true);
            close(service);
            ops.close();
            // the last line of a stopped pod's log: the stop finished, rather than a kill cut it short
            log.info("{} stopped", name);
            stopped.countDown();
        }));
        // a log line, not a print: with SLUICE_LOG_FORMAT=json a pod's stderr stays one JSON object per line
        log.info("{} running; stop it with Ctrl-C or SIGTERM", name);
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            Optional<String> reason = failure.apply(service);
            // read after the reason: a service that the hook is closing is no longer running, and that is no failure
            if (reason.isPresent() && !stopping.get()) {
                throw new IllegalStateException(name + " stopped: " + reason.get());
            }
        }
    }

    /** Why a service that reports whether it runs and its failure stopped by itself; empty while it runs. */
    static Optional<String> stoppedBecause(boolean running, Optional<Throwable> failure) {
        return running ? Optional.empty() : Optional.of(failure.map(Throwable::getMessage).orElse("no reason given"));
    }

    private static void close(AutoCloseable service) {
        try {
            service.close();
        }
        catch (Exception e) {
            log.error("stopping failed: {}", e.getMessage());
        }
    }
}
