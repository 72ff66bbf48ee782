package io.sluice.generator.kafka;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.TopicReplay;
import io.sluice.schema.topic.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The sub-chunks of a dataset already committed, from the {@code ChunkProduced} events on {@code sluice.events}, and
 * its first plan, read {@code read_committed} up to the last offset written ({@link TopicReplay}, which waits for another
 * writer's open transaction). Read after the generator's producer has fenced its predecessor, so no transaction of the
 * same part range is still open.
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
        MessageCodec<PipelineEvent> codec = Messages.events();
        Map<SubChunkKey, ChunkProduced> found = new HashMap<>();
        List<DatasetPlanned> plans = new ArrayList<>();
        TopicReplay.readToEnd(clientProperties, Topics.EVENTS, timeout, record -> {
            // the dataset's events share one partition (keyed by dataset), so the first plan read is the first announced
            switch (codec.decodeIfKnown(record.value()).orElse(null)) {
                case ChunkProduced chunk when chunk.dataset().equals(dataset) -> found.put(SubChunkKey.of(chunk), chunk);
                case DatasetPlanned plan when plan.dataset().equals(dataset) -> plans.add(plan);
                case null, default -> { }
            }
        });
        return new ProducedChunks(found, plans.stream().findFirst());
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

    public Set<SubChunkKey> keys()
    {
        return chunks.keySet();
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
