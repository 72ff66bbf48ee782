package io.sluice.cli;

import io.sluice.schema.command.Command;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends one command to {@code sluice.control}, keyed by its run id, acknowledged by all replicas. */
final class ControlTopic {
    private static final long SEND_TIMEOUT_SECONDS = 60;

    private ControlTopic() {}

    static RecordMetadata send(KafkaClientSettings kafka, String runId, Command command) throws InterruptedException {
        Map<String, Object> properties = new HashMap<>(kafka.toClientProperties());
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(SEND_TIMEOUT_SECONDS));
        try (KafkaProducer<String, Command> producer = new KafkaProducer<>(properties, new StringSerializer(), KafkaSerdes.commands().serializer())) {
            return producer.send(new ProducerRecord<>(Topics.CONTROL, runId, command)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("cannot send %s to %s at %s: %s".formatted(command.getClass().getSimpleName(), Topics.CONTROL,
                    kafka.bootstrapServers(), cause.getMessage()), e);
        }
    }
}
