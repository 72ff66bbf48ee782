package io.sluice.ops.kafka;

import org.apache.kafka.common.TopicPartition;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * The lag a consumer measures itself, partition by partition, for a {@link ConsumerLagMeters} to read: for a consumer
 * that pauses partitions, whose {@code records-lag} metric keeps the value of the last fetch before the pause while
 * the log end moves on. Written by the consumer's thread, read by scrapes.
 */
public final class PartitionLags
{
    private final Map<TopicPartition, Long> lags = new ConcurrentHashMap<>();

    /**
     * @param lag records between the consumer's position and the log end of {@code partition}
     */
    public void report(TopicPartition partition, long lag)
    {
        requireNonNull(partition, "partition is null");
        if (lag < 0) {
            throw new IllegalArgumentException("lag must be >= 0, got %d for %s".formatted(lag, partition));
        }
        lags.put(partition, lag);
    }

    /**
     * Forgets partitions the consumer no longer reads.
     */
    public void forget(Collection<TopicPartition> partitions)
    {
        lags.keySet().removeAll(partitions);
    }

    /**
     * The lag summed over the partitions of {@code topic} reported; empty while none is.
     */
    public OptionalDouble ofTopic(String topic)
    {
        requireNonNull(topic, "topic is null");
        long[] topicLags = lags.entrySet().stream()
                .filter(entry -> entry.getKey().topic().equals(topic))
                .mapToLong(Map.Entry::getValue)
                .toArray();
        return topicLags.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Arrays.stream(topicLags).sum());
    }
}
