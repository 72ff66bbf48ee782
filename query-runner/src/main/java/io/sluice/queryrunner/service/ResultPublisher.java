package io.sluice.queryrunner.service;

import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionListener;
import io.sluice.schema.DurationText;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.result.QueryResult;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Publishes each execution as a {@link QueryResult} on {@code sluice.results} (key = run id) and run
 * lifecycle events on {@code sluice.events}. Sends are idempotent and acknowledged by all replicas. A result is sent
 * without waiting for Kafka, so the queries go on while it is down (a fault run's {@code kafka:kill@benchmark} held
 * every query worker for the outage, and one over a minute failed the run); {@link #flush} at the end of a run waits
 * for them all, so a result that cannot be published fails the run rather than vanish. A lifecycle event waits for
 * Kafka however long it is away: one given up on lost its run (a start) or its end (a finish) without a trace.
 */
public final class ResultPublisher
        implements ExecutionListener, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ResultPublisher.class);
    private static final Duration WAIT_SLICE = Duration.ofSeconds(1);
    private static final Duration SEND_BLOCK = Duration.ofSeconds(5);
    private static final Duration WAIT_REPORT = Duration.ofMinutes(1);
    // how long a result may wait for Kafka to come back
    private static final Duration RESULT_DELIVERY_TIMEOUT = Duration.ofMinutes(10);

    private final KafkaProducer<String, QueryResult> results;
    private final KafkaProducer<String, PipelineEvent> events;
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicReference<Exception> firstUnsent = new AtomicReference<>();
    private final BooleanSupplier stopping;

    /**
     * A publisher whose lifecycle events wait for Kafka until their thread is interrupted.
     */
    public ResultPublisher(KafkaClientSettings kafka)
    {
        this(kafka, () -> false);
    }

    /**
     * @param stopping whether the service stops: an event still waiting for Kafka is given up then
     */
    public ResultPublisher(KafkaClientSettings kafka, BooleanSupplier stopping)
    {
        this.stopping = requireNonNull(stopping, "stopping is null");
        Map<String, Object> properties = new HashMap<>(kafka.toClientProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-query-runner-events");
        // an event in flight is never expired, so waiting for it longer cannot send it twice
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        // send() itself blocks while the topic's partitions are unknown (Kafka away), by default for a minute, in which a
        // stop would wait; publish() sends again after it
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_BLOCK.toMillis());
        this.events = new KafkaProducer<>(properties, new StringSerializer(), KafkaSerdes.events().serializer());
        properties.remove(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-query-runner-results");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) RESULT_DELIVERY_TIMEOUT.toMillis());
        this.results = new KafkaProducer<>(properties, new StringSerializer(), KafkaSerdes.results().serializer());
    }

    @Override
    public void onExecution(Execution execution)
    {
        QueryResult result = execution.toQueryResult();
        results.send(new ProducerRecord<>(Topics.RESULTS, result.runId(), result), (_, failure) -> {
            if (failure != null) {
                unsent.incrementAndGet();
                firstUnsent.compareAndSet(null, failure);
            }
        });
    }

    /**
     * Waits until Kafka has every result sent so far (each may wait 10 min for it).
     *
     * @throws IllegalStateException if any could not be published
     */
    public void flush()
    {
        results.flush();
        long failed = unsent.getAndSet(0);
        Exception failure = firstUnsent.getAndSet(null);
        if (failed > 0) {
            throw new IllegalStateException("cannot publish %d results to Kafka: %s".formatted(failed, failure.getMessage()), failure);
        }
    }

    /**
     * Publishes {@code event} and waits until Kafka has it, however long Kafka is away (a WARN each minute). An event
     * whose send failed before it was handed to a broker (Kafka unreachable when the topic's partitions were first
     * looked up) is sent again.
     *
     * @throws IllegalStateException if Kafka refuses it for good, or the service stops or the thread is interrupted first
     */
    public void publish(PipelineEvent event)
    {
        publish(event, stopping, "the service stopped");
    }

    /**
     * Publishes {@code event} as {@link #publish} does, also while the service stops, but waits about {@code limit} at
     * most (a send Kafka's metadata holds up may add {@link #SEND_BLOCK}): for what a stop itself announces.
     *
     * @throws IllegalStateException if Kafka refuses it, does not take it within {@code limit}, or the thread is interrupted
     */
    public void publishWithin(PipelineEvent event, Duration limit)
    {
        long deadline = System.nanoTime() + limit.toNanos();
        publish(event, () -> System.nanoTime() - deadline > 0, "%s passed".formatted(DurationText.of(limit)));
    }

    /**
     * @param giveUp asked only while Kafka has not taken the event: one it took is never reported as given up
     */
    private void publish(PipelineEvent event, BooleanSupplier giveUp, String givenUpWhen)
    {
        String what = "%s of %s".formatted(event.getClass().getSimpleName(), event.key());
        long started = System.nanoTime();
        long nextReport = started + WAIT_REPORT.toNanos();
        boolean waitedLong = false;
        Future<RecordMetadata> send = events.send(new ProducerRecord<>(Topics.EVENTS, event.key(), event));
        while (true) {
            try {
                send.get(WAIT_SLICE.toMillis(), TimeUnit.MILLISECONDS);
                if (waitedLong) {
                    LOG.info("Kafka took {} after {} s", what, Duration.ofNanos(System.nanoTime() - started).toSeconds());
                }
                return;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted publishing " + what, e);
            }
            catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("cannot publish %s to Kafka: %s".formatted(what, e.getCause().getMessage()), e.getCause());
                }
                if (!giveUp.getAsBoolean()) {
                    send = events.send(new ProducerRecord<>(Topics.EVENTS, event.key(), event));
                }
            }
            catch (TimeoutException e) {
                // not sent yet: wait on
            }
            if (giveUp.getAsBoolean()) {
                throw new IllegalStateException("%s before Kafka took %s".formatted(givenUpWhen, what));
            }
            long now = System.nanoTime();
            if (now - nextReport >= 0) {
                nextReport = now + WAIT_REPORT.toNanos();
                waitedLong = true;
                LOG.warn("Kafka has not taken {} in {} s; waiting on, as the run's start or end must not be lost", what, Duration.ofNanos(now - started).toSeconds());
            }
        }
    }

    @Override
    public void close()
    {
        results.close(Duration.ofSeconds(10));
        events.close(Duration.ofSeconds(10));
    }
}
