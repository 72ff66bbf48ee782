package io.sluice.ingest.tracker;

import io.sluice.ops.Readiness;
import io.sluice.ops.kafka.KafkaClientHealth;
import io.sluice.schema.DurationText;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * A started tracker. {@link #close()} stops it; a tracker that died on an error says why in {@link #failure()}.
 */
public final class RunningTracker
        implements AutoCloseable
{
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(RunningTracker.class);

    private final KafkaStreams streams;
    private final StateMemory memory;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    RunningTracker(KafkaStreams streams, StateMemory memory)
    {
        this.streams = requireNonNull(streams, "streams is null");
        this.memory = requireNonNull(memory, "memory is null");
    }

    void failed(Throwable exception)
    {
        failure.compareAndSet(null, exception);
    }

    public KafkaStreams.State state()
    {
        return streams.state();
    }

    /**
     * Ready while Kafka Streams is RUNNING (state restored, tasks assigned) and its clients hold a connection to
     * Kafka; a stopped broker leaves Streams RUNNING for a while, so the connection is checked too.
     */
    public Readiness readiness()
    {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING) {
            return Readiness.notReady("Kafka Streams is " + state + failure().map(e -> ": " + e.getMessage()).orElse(""));
        }
        if (!KafkaClientHealth.connected(streams.metrics())) {
            return Readiness.notReady("no connection to Kafka");
        }
        return Readiness.ready("Kafka Streams is RUNNING");
    }

    public Optional<Throwable> failure()
    {
        return Optional.ofNullable(failure.get());
    }

    /**
     * Waits until the tracker processes events (its state stores restored).
     *
     * @throws IllegalStateException if it failed or is not running within the timeout
     */
    public void awaitRunning(Duration timeout)
            throws InterruptedException
    {
        Instant deadline = Instant.now().plus(timeout);
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (failure.get() != null || !streams.state().isRunningOrRebalancing() && streams.state() != KafkaStreams.State.CREATED) {
                throw new IllegalStateException("the completion tracker stopped (%s): %s".formatted(streams.state(), failure().map(Throwable::getMessage).orElse("no error recorded")));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the completion tracker is %s, not RUNNING, after %s".formatted(streams.state(), DurationText.of(timeout)));
            }
            Thread.sleep(50);
        }
    }

    @Override
    public void close()
    {
        // Streams members stay in their group after a close by default; the next tracker with this application id
        // (the next `sluice run`, a restarted pod) would then wait out this one's session for its partitions.
        if (streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(CLOSE_TIMEOUT))) {
            memory.close();
        }
        else {
            // a stream thread may still have its stores open on the memory: freeing it under them would crash the JVM
            log.warn("the completion tracker did not stop within {}; its state memory is left to the process's end", DurationText.of(CLOSE_TIMEOUT));
        }
    }
}
