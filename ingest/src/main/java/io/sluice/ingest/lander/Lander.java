package io.sluice.ingest.lander;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.generator.kafka.TopicProvisioner;
import io.sluice.ops.kafka.ConsumerLagMeters;
import io.sluice.ops.kafka.InternalTopicCheck;
import io.sluice.ops.kafka.InternalTopicCheck.InternalTopic;
import io.sluice.ops.kafka.PartitionLags;
import io.sluice.ops.kafka.ProducerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Starts the shared lander loop for one sink. Each sink's entry point ({@code ParquetLander},
 * {@code ClickHouseLander}) builds its {@link SinkWriter} and calls {@link #start}.
 */
public final class Lander
{
    private Lander() {}

    /**
     * Starts landing on a new thread. The returned lander owns the writer and closes it when it stops.
     */
    public static RunningLander start(LanderSettings settings, SinkWriter writer, MeterRegistry registry)
    {
        return start(settings, writer, registry, ProducerFactory.KAFKA);
    }

    /**
     * @param producers makes the transactional producer of each loop (a new one replaces a failed one)
     */
    public static RunningLander start(LanderSettings settings, SinkWriter writer, MeterRegistry registry, ProducerFactory producers)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(writer, "writer is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(producers, "producers is null");
        provisionTopics(settings);
        InternalTopicCheck.requireCreatable(settings.kafka(), EnumSet.allOf(InternalTopic.class));
        String groupId = settings.groupIdFor(writer.sink());
        String transactionalId = settings.transactionalIdFor(writer.sink());
        LanderMetrics metrics = new LanderMetrics(registry, writer.sink());
        // the meters outlive a loop: each loop measures the lag of the partitions it reads
        PartitionLags lags = new PartitionLags();
        ConsumerLagMeters lag = new ConsumerLagMeters(registry, groupId, lags);
        Supplier<LanderLoop> loops = () -> {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(settings, groupId, transactionalId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            Producer<byte[], byte[]> producer;
            try {
                producer = producers.create(producerProperties(settings, transactionalId));
            }
            catch (RuntimeException e) {
                consumer.close();
                throw e;
            }
            return new LanderLoop(settings, writer, consumer, producer, metrics, lag, lags);
        };
        return RunningLander.start(writer.sink(), transactionalId, loops.get(), loops, writer, settings.retryBackoffMin());
    }

    /**
     * Creates the dead-letter and events topics if missing, as the generator creates its own. A transaction that
     * sends to a topic Kafka does not have waits {@code max.block.ms} for it and aborts, and the batch is tried again
     * for good, unnoticed: so it was with an operator's own {@code SLUICE_LANDER_DLQ_TOPIC}, or a lander started before
     * any generator, at its first dead letter.
     */
    private static void provisionTopics(LanderSettings settings)
    {
        try (Admin admin = Admin.create(settings.kafka().toClientProperties())) {
            new TopicProvisioner(admin, Optional.empty()).ensure(Map.of(
                    settings.dlqTopic(), TopicProvisioner.SYSTEM_TOPIC_PARTITIONS,
                    settings.eventsTopic(), TopicProvisioner.SYSTEM_TOPIC_PARTITIONS));
        }
        catch (RuntimeException e) {
            throw new IllegalStateException("cannot provide the topics %s and %s on Kafka at %s: %s"
                    .formatted(settings.dlqTopic(), settings.eventsTopic(), settings.kafka().bootstrapServers(), e.getMessage()), e);
        }
    }

    private static Map<String, Object> consumerProperties(LanderSettings settings, String groupId, String clientId)
    {
        Map<String, Object> properties = settings.kafka().toGroupMemberProperties(groupId);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) settings.topicRefresh().toMillis());
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return properties;
    }

    private static Map<String, Object> producerProperties(LanderSettings settings, String transactionalId)
    {
        Map<String, Object> properties = settings.kafka().toClientProperties();
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, transactionalId);
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        // a lander transaction holds only events, dead letters and offsets, sent right before the commit
        properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        // a commit that times out cannot be aborted, only retried: let it wait out a broker restart instead
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        return properties;
    }
}
