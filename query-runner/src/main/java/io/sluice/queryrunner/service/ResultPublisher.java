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

/**
 * Publishes each execution as a {@link QueryResult} on {@code sluice.results} (key = run id) and run
 * lifecycle events on {@code sluice.events}. Sends are idempotent and acknowledged by all replicas; a result
 * that cannot be published fails the run rather than vanish.
 */
public final class ResultPublisher
        implements ExecutionListener, AutoCloseable
{
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, QueryResult> results;
    private final KafkaProducer<String, PipelineEvent> events;

    public ResultPublisher(KafkaClientSettings kafka)
    {
        Map<String, Object> properties = new HashMap<>(kafka.toClientProperties());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-query-runner-results");
        this.results = new KafkaProducer<>(properties, new StringSerializer(), KafkaSerdes.results().serializer());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "sluice-query-runner-events");
        this.events = new KafkaProducer<>(properties, new StringSerializer(), KafkaSerdes.events().serializer());
    }

    @Override
    public void onExecution(Execution execution)
    {
        QueryResult result = execution.toQueryResult();
        await(results.send(new ProducerRecord<>(Topics.RESULTS, result.runId(), result)), "result of run " + result.runId());
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
