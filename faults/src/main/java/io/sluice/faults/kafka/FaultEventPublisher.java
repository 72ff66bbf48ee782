package io.sluice.faults.kafka;

import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Sends a fault run's events to {@code sluice.events} without making the fault run wait: when the fault is Kafka's
 * loss, {@code FaultInjected} can only be delivered after Kafka is back, and even {@code send} blocks while the
 * producer has no metadata, which would hold up the clearing that brings Kafka back. So events are handed to one
 * sending thread (keeping their order), and the idempotent producer retries for {@value #DELIVERY_TIMEOUT_MINUTES}
 * minutes; {@link #close} waits for what is queued or in flight.
 */
public final class FaultEventPublisher
        implements Consumer<PipelineEvent>, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(FaultEventPublisher.class);
    private static final int DELIVERY_TIMEOUT_MINUTES = 5;

    private final KafkaProducer<String, PipelineEvent> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("sluice-fault-events").factory());

    public FaultEventPublisher(KafkaClientSettings kafka, String clientId)
    {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(clientId, "clientId is null");
        Map<String, Object> properties = new HashMap<>(kafka.toClientProperties());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(DELIVERY_TIMEOUT_MINUTES).toMillis());
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMinutes(DELIVERY_TIMEOUT_MINUTES).toMillis());
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), KafkaSerdes.events().serializer());
    }

    @Override
    public void accept(PipelineEvent event)
    {
        requireNonNull(event, "event is null");
        String name = event.getClass().getSimpleName();
        sender.execute(() -> {
            try {
                producer.send(new ProducerRecord<>(Topics.EVENTS, event.key(), event), (_, failure) -> {
                    if (failure != null) {
                        log.error("{} of {} was not published to {}: {}", name, event.key(), Topics.EVENTS, failure.getMessage());
                    }
                });
            }
            catch (KafkaException e) {
                log.error("{} of {} was not published to {}: {}", name, event.key(), Topics.EVENTS, e.getMessage());
            }
        });
    }

    @Override
    public void close()
    {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(DELIVERY_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                log.warn("fault events still queued after {} minutes; dropping them", DELIVERY_TIMEOUT_MINUTES);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofMinutes(DELIVERY_TIMEOUT_MINUTES));
    }
}
