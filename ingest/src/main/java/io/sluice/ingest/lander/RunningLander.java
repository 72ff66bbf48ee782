package io.sluice.ingest.lander;

import io.sluice.ops.Readiness;
import io.sluice.schema.event.Sink;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * A lander running on its own thread. {@link #close()} stops it: open batches are dropped (Kafka still holds
 * their rows, the next run lands them), the clients and the sink writer are closed.
 */
public final class RunningLander
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(RunningLander.class);

    private final LanderLoop loop;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private RunningLander(Sink sink, LanderLoop loop, Consumer<?, ?> consumer, Producer<?, ?> producer, SinkWriter writer)
    {
        this.loop = requireNonNull(loop, "loop is null");
        this.thread = Thread.ofPlatform().name("sluice-lander-" + sink.name().toLowerCase(java.util.Locale.ROOT)).unstarted(() -> {
            try {
                loop.run();
            }
            catch (Throwable e) {
                failure.set(e);
                log.error("{} lander stopped: {}", sink, e.toString(), e);
            }
            finally {
                closeQuietly(consumer);
                closeQuietly(producer);
                closeQuietly(writer);
                stopped.countDown();
            }
        });
    }

    static RunningLander start(Sink sink, LanderLoop loop, Consumer<?, ?> consumer, Producer<?, ?> producer, SinkWriter writer)
    {
        RunningLander lander = new RunningLander(sink, loop, consumer, producer, writer);
        lander.thread.start();
        return lander;
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
        return loop.readiness();
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
        loop.stop();
        try {
            if (!stopped.await(60, TimeUnit.SECONDS)) {
                log.warn("lander thread did not stop within 60 s");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable)
    {
        try {
            closeable.close();
        }
        catch (Exception e) {
            log.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
