package io.sluice.queryrunner.service;

import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionListener;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.result.QueryResult;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes each execution as a {@link QueryResult} on {@code sluice.results} (key = run id) and run
 * lifecycle events on {@code sluice.events}. Sends are idempotent and acknowledged by all replicas. A result is sent
 * without waiting for Kafka, so the queries go on while it is down (a fault run's {@code kafka:kill@benchmark} held
 * every query worker for the outage, and one over a minute failed the run); {@link #flush} at the end of a run waits
 * for them all, so a result that cannot be published fails the run rather than vanish.
 */
public final class ResultPublisher
        implements ExecutionListener, AutoCloseable
{
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);
    // how long a result may wait for Kafka to come back
    private static final Duration RESULT_DELIVERY_TIMEOUT = Duration.ofMinutes(10);

    private final KafkaProducer<String, QueryResult> results;
    private final KafkaProducer<String, PipelineEvent> events;
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicReference<Exception> firstUnsent = new AtomicReference<>();

    public ResultPublisher(KafkaClientSettings kafka)
    {
        Map<String, Object> properties = new HashMap<>(kafka.toClientProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-query-runner-events");
        this.events = new KafkaProducer<>(properties, new StringSerializer(), KafkaSerdes.events().serializer());
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

    public void publish(PipelineEvent event)
    {
        await(events.send(new ProducerRecord<>(Topics.EVENTS, event.key(), event)), event.getClass().getSimpleName());
    }

    private static void await(java.util.concurrent.Future<?> send, String what)
    {
        try {
            send.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted publishing " + what, e);
        }
        catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish %s to Kafka: %s".formatted(what, e.getCause() == null ? e : e.getCause().getMessage()), e);
        }
    }

    @Override
    public void close()
    {
        results.close(Duration.ofSeconds(10));
        events.close(Duration.ofSeconds(10));
    }
}
