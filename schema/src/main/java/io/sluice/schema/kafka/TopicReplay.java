package io.sluice.schema.kafka;

import io.sluice.schema.DurationText;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Reads a topic's committed records from its beginning to the end it had when the read began: how a service rebuilds
 * what it knows from a log such as {@code sluice.events}. Records of several partitions arrive in each partition's
 * order, interleaved. The end is each partition's last offset written (the high watermark), not the last stable offset
 * a {@code read_committed} consumer is told: a transaction left open there (its writer killed, until Kafka aborts it
 * after the writer's {@code transaction.timeout.ms}) would otherwise end the read before every record committed after
 * it began, such as a restarted generator's own {@code ChunkProduced} events, which it would then write again. So
 * the read waits for such a transaction to end, within its timeout.
 */
public final class TopicReplay
{
    private static final Duration POLL = Duration.ofMillis(500);

    private TopicReplay() {}

    /**
     * Reads a topic whose records have text keys, as {@code sluice.events}' run and dataset ids.
     *
     * @see #readToEnd(Map, String, Duration, Deserializer, Consumer)
     */
    public static long readToEnd(Map<String, Object> clientProperties, String topic, Duration timeout, Consumer<ConsumerRecord<String, byte[]>> each)
    {
        return readToEnd(clientProperties, topic, timeout, new StringDeserializer(), each);
    }

    /**
     * @param clientProperties the Kafka client's connection properties; the read joins no group and commits nothing
     * @param timeout the longest the whole read may take
     * @param keys how the records' keys are read (a row topic's keys are binary part numbers)
     * @return the records read; a topic that does not exist has none
     * @throws IllegalStateException if the end is not reached within {@code timeout}
     */
    public static <K> long readToEnd(Map<String, Object> clientProperties, String topic, Duration timeout, Deserializer<K> keys, Consumer<ConsumerRecord<K, byte[]>> each)
    {
        requireNonNull(keys, "keys is null");
        requireNonNull(topic, "topic is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(each, "each is null");
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        long read = 0;
        try (KafkaConsumer<K, byte[]> consumer = new KafkaConsumer<>(properties, keys, new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = lastWritten(properties, partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, timeout) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    TopicPartition behind = partitions.stream().filter(partition -> consumer.position(partition, timeout) < end.get(partition)).findFirst().orElseThrow();
                    throw new IllegalStateException(("could not read %s to its end within %s: partition %d stays at offset %d of %d (a transaction left open there by a stopped"
                            + " writer holds readers back until Kafka aborts it, after the writer's transaction.timeout.ms)").formatted(
                            topic, DurationText.of(timeout), behind.partition(), consumer.position(behind, timeout), end.get(behind)));
                }
                for (ConsumerRecord<K, byte[]> record : consumer.poll(POLL)) {
                    // records past the end taken at the start belong to a later read
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                        read++;
                    }
                }
            }
        }
        return read;
    }

    private static Map<TopicPartition, Long> lastWritten(Map<String, Object> properties, List<TopicPartition> partitions, Duration timeout)
    {
        Map<String, Object> uncommitted = new HashMap<>(properties);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(uncommitted, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // asked of partitions it does not have, the consumer logs a WARN per partition ("Not updating high watermark")
            consumer.assign(partitions);
            return consumer.endOffsets(partitions, timeout);
        }
    }
}
