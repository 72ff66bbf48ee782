package io.sluice.ingest.lander;

import io.sluice.ops.Readiness;
import io.sluice.ops.kafka.ProducerFactory;
import io.sluice.schema.event.Sink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A lander running on its own thread. {@link #close()} stops it: open batches are dropped (Kafka still holds
 * their rows, the next run lands them), the clients and the sink writer are closed.
 *
 * <p>A loop whose Kafka clients failed for good is replaced by one with new clients if
 * {@link ProducerFactory#replaceable} says new ones may do better: like a restarted process, it aborts the open
 * transaction and resumes from the committed offsets. After {@value ProducerFactory#ATTEMPTS} loops in a row fail
 * without landing a batch, or on any other failure, the lander stops and {@link #failure()} says why.
 */
public final class RunningLander
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(RunningLander.class);

    private final Sink sink;
    private final String transactionalId;
    private final Supplier<LanderLoop> loops;
    private final Duration backoff;
    private final Thread thread;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile LanderLoop current;

    private RunningLander(Sink sink, String transactionalId, LanderLoop first, Supplier<LanderLoop> loops, SinkWriter writer, Duration backoff)
    {
        this.sink = requireNonNull(sink, "sink is null");
        this.transactionalId = requireNonNull(transactionalId, "transactionalId is null");
        this.loops = requireNonNull(loops, "loops is null");
        this.backoff = requireNonNull(backoff, "backoff is null");
        this.current = requireNonNull(first, "first is null");
        requireNonNull(writer, "writer is null");
        this.thread = Thread.ofPlatform().name("sluice-lander-" + sink.label()).unstarted(() -> {
            try {
                runLoops(first);
            }
            finally {
                LanderLoop.closeQuietly(writer);
                stopped.countDown();
            }
        });
    }

    /**
     * @param first the first loop, made by the caller so that bad client settings fail the start
     * @param loops makes each replacement loop, with new clients
     */
    static RunningLander start(Sink sink, String transactionalId, LanderLoop first, Supplier<LanderLoop> loops, SinkWriter writer, Duration backoff)
    {
        RunningLander lander = new RunningLander(sink, transactionalId, first, loops, writer, backoff);
        lander.thread.start();
        return lander;
    }

    private void runLoops(LanderLoop first)
    {
        int failedInARow = 0;
        LanderLoop loop = first;
        while (true) {
            try (LanderLoop running = loop) {
                current = running;
                if (closing.getCount() == 0) {
                    // close() may have stopped the previous loop, not this one
                    return;
                }
                running.run();
                return;
            }
            catch (Throwable e) {
                failedInARow = loop.landedAny() ? 1 : failedInARow + 1;
                if (closing.getCount() == 0) {
                    return;
                }
                if (failedInARow >= ProducerFactory.ATTEMPTS || !ProducerFactory.replaceable(e)) {
                    stopWith(e);
                    return;
                }
                log.warn("{} lander's Kafka clients failed ({} of {} in a row), starting new ones in {}: {}", sink, failedInARow, ProducerFactory.ATTEMPTS, backoff, e.toString(), e);
            }
            try {
                if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                loop = loops.get();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (Throwable e) {
                stopWith(e);
                return;
            }
        }
    }

    private void stopWith(Throwable e)
    {
        // Kafka's own words ("a newer producer with the same transactionalId") name neither the id nor the setting
        Throwable reason = ProducerFactory.fenced(e)
                ? new IllegalStateException(("another producer took over the transactional id %s, so this %s lander stops: two landers must not share one; "
                        + "the default, <consumer group>-<host name>, is the same for two landers of one sink on one host, so give each its own with %s")
                        .formatted(transactionalId, sink.label(), LanderSettings.TRANSACTIONAL_ID_ENV), e)
                : e;
        failure.set(reason);
        log.error("{} lander stopped: {}", sink, reason == e ? e.toString() : reason.getMessage(), e);
    }

    /**
     * Waits until the lander stops (by {@link #close()} or a fatal failure).
     *
     * @return whether it stopped within the timeout
     */
    public boolean awaitStop(Duration timeout)
            throws InterruptedException
    {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Whether the lander is landing now: joined its consumer group, connected to Kafka, the sink not failing
     * (see ingest/README.md, "Operations"); the detail says why not.
     */
    public Readiness readiness()
    {
        if (!isRunning()) {
            return Readiness.notReady("stopped" + failure().map(e -> ": " + e.getMessage()).orElse(""));
        }
        return current.readiness();
    }

    public boolean isRunning()
    {
        return stopped.getCount() > 0;
    }

    /**
     * Why the lander stopped on its own, if it did.
     */
    public Optional<Throwable> failure()
    {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public void close()
    {
        closing.countDown();
        current.stop();
        try {
            if (!stopped.await(60, TimeUnit.SECONDS)) {
                log.warn("lander thread did not stop within 60 s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
