package io.sluice.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.ingest.tracker.CompletionTracker;
import io.sluice.ingest.tracker.RunningTracker;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.schema.event.Sink;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The completion tracker and a lander per sink, run in this process by {@code sluice run} and {@code sluice bench}.
 * Both wait for a dataset's {@code DatasetReady} events, which never come once one of these stopped, so they
 * {@link #checkRunning() check} them while they wait.
 */
final class LandingServices implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final RunningTracker tracker;
    private final Map<Sink, RunningLander> landers;
    private volatile boolean closed;

    private LandingServices(RunningTracker tracker, Map<Sink, RunningLander> landers) {
        this.tracker = tracker;
        this.landers = landers;
    }

    /**
     * Starts the tracker and the landers of {@code sinks} reading {@code sources}, without waiting for them, so that a
     * command can install its stop hook before {@link #awaitRunning()}, which may take a Kafka session timeout.
     */
    static LandingServices start(TrackerSettings tracker, Set<Sink> sinks, Map<String, String> environment, String sources, MeterRegistry registry) {
        requireNonNull(sources, "sources is null");
        LandingServices services = new LandingServices(CompletionTracker.start(tracker, registry), new EnumMap<>(Sink.class));
        try {
            for (Sink sink : sinks) {
                services.landers.put(sink, SinkServices.start(sink, environment, sources, registry));
            }
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }

    /**
     * Returns once the tracker processes events. That takes the session timeout of a tracker that was killed and is
     * still in the group, which a killed {@code sluice run} leaves behind.
     *
     * @throws StoppedByHookException if a stop hook closed these services meanwhile
     */
    void awaitRunning() throws InterruptedException {
        try {
            tracker.awaitRunning(START_TIMEOUT);
        } catch (IllegalStateException e) {
            if (closed) {
                throw new StoppedByHookException("stopped before the completion tracker ran", e);
            }
            throw e;
        }
        // the tracker may have reached RUNNING while the hook closed the landers
        if (closed) {
            throw new StoppedByHookException("stopped as the completion tracker started", null);
        }
    }

    /** Throws, naming the service and why, if the tracker or a lander stopped by itself (not by {@link #close}). */
    void checkRunning() {
        if (closed) {
            return;
        }
        landers.forEach((sink, lander) -> ServiceLifetime.stoppedBecause(lander.isRunning(), lander.failure()).ifPresent(reason -> {
            throw new IllegalStateException("the %s lander stopped: %s".formatted(sink.label(), reason));
        }));
        tracker.failure().ifPresent(failure -> {
            throw new IllegalStateException("the completion tracker stopped: " + failure.getMessage(), failure);
        });
    }

    /**
     * Stops the landers, then the tracker that counts what they land; once, though a stop hook and the unwinding
     * command may both call it.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        landers.values().forEach(RunningLander::close);
        tracker.close();
    }
}
