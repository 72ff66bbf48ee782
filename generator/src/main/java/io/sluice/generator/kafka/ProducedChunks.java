package io.sluice.generator.kafka;

import io.sluice.schema.DurationText;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The sub-chunks of a dataset already committed, from the {@code ChunkProduced} events on {@code sluice.events}, and
 * its first plan, read {@code read_committed} up to the last stable offset. Read after the generator's producer has fenced its
 * predecessor, so no transaction of the same part range is still open.
 */
public final class ProducedChunks
{
    private final Map<SubChunkKey, ChunkProduced> chunks;
    private final Optional<DatasetPlanned> firstPlan;

    private ProducedChunks(Map<SubChunkKey, ChunkProduced> chunks, Optional<DatasetPlanned> firstPlan)
    {
        this.chunks = Map.copyOf(chunks);
        this.firstPlan = firstPlan;
    }

    public static ProducedChunks read(Map<String, Object> clientProperties, DatasetId dataset, Duration timeout)
    {
        requireNonNull(dataset, "dataset is null");
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        MessageCodec<PipelineEvent> codec = Messages.events();
        Map<SubChunkKey, ChunkProduced> found = new HashMap<>();
        Optional<DatasetPlanned> firstPlan = Optional.empty();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, timeout) < end.get(partition))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read %s to its end within %s".formatted(Topics.EVENTS, DurationText.of(timeout)));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    // the dataset's events share one partition (keyed by dataset), so the first plan read is the first announced
                    switch (codec.decodeIfKnown(record.value()).orElse(null)) {
                        case ChunkProduced chunk when chunk.dataset().equals(dataset) -> found.put(SubChunkKey.of(chunk), chunk);
                        case DatasetPlanned plan when plan.dataset().equals(dataset) -> firstPlan = firstPlan.or(() -> Optional.of(plan));
                        case null, default -> { }
                    }
                }
            }
        }
        return new ProducedChunks(found, firstPlan);
    }

    public Optional<ChunkProduced> find(String table, int part, int subChunk)
    {
        return Optional.ofNullable(chunks.get(new SubChunkKey(table, part, subChunk)));
    }

    /**
     * The dataset's first committed plan; every later one must be the same ({@link DatasetPlanned#samePlanAs}).
     */
    public Optional<DatasetPlanned> firstPlan()
    {
        return firstPlan;
    }

    public int size()
    {
        return chunks.size();
    }

    /**
     * A sub-chunk of the dataset: what identifies its {@code ChunkProduced}.
     */
    public record SubChunkKey(String table, int part, int subChunk)
    {
        public static SubChunkKey of(ChunkProduced chunk)
        {
            return new SubChunkKey(chunk.table(), chunk.part(), chunk.subChunk());
        }
    }
}
