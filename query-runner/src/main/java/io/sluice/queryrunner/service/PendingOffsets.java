package io.sluice.queryrunner.service;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.sluice.schema.Arguments.requireNonNegative;
import static java.util.Objects.requireNonNull;

/**
 * The offsets a consumer may commit while some records it read are still being acted on: per partition, the first
 * record whose work is unfinished, or past the last record read when none is. A record whose work a stop cuts short
 * is therefore read again by the group's next consumer; one finished before the stop is not. Safe for a poller
 * thread that reads and the threads that finish the work.
 */
final class PendingOffsets
{
    private final Map<TopicPartition, Long> next = new HashMap<>();
    // offset -> how many pieces of work of that record are unfinished
    private final Map<TopicPartition, TreeMap<Long, Integer>> held = new HashMap<>();

    /**
     * The record at {@code offset} was read and acted on, apart from the work {@link #hold} registered for it.
     */
    synchronized void read(TopicPartition partition, long offset)
    {
        requireNonNull(partition, "partition is null");
        requireNonNegative(offset, "offset");
        next.merge(partition, offset + 1, Math::max);
    }

    /**
     * Registers one piece of unfinished work for the record at {@code offset}; call before handing it to another
     * thread.
     *
     * @return what releases it once the work is done; running it again does nothing
     */
    synchronized Runnable hold(TopicPartition partition, long offset)
    {
        requireNonNull(partition, "partition is null");
        requireNonNegative(offset, "offset");
        held.computeIfAbsent(partition, _ -> new TreeMap<>()).merge(offset, 1, Integer::sum);
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                release(partition, offset);
            }
        };
    }

    private synchronized void release(TopicPartition partition, long offset)
    {
        TreeMap<Long, Integer> offsets = held.get(partition);
        if (offsets == null) {
            // forgotten: the partition went to another consumer
            return;
        }
        offsets.computeIfPresent(offset, (_, count) -> count == 1 ? null : count - 1);
        if (offsets.isEmpty()) {
            held.remove(partition);
        }
    }

    /**
     * Forgets {@code partitions}, which this consumer gives up.
     *
     * @param finishingHere whether the unfinished work of their records goes on here (a rebalance moves the partitions
     * to another consumer while this one runs on), so their next consumer must not do it again; otherwise this
     * consumer stops, and their next consumer does it again
     * @return the offsets to commit for them before they go: past the last record read, or before the first record
     * with unfinished work
     */
    synchronized Map<TopicPartition, OffsetAndMetadata> forget(Collection<TopicPartition> partitions, boolean finishingHere)
    {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            if (next.containsKey(partition)) {
                offsets.put(partition, new OffsetAndMetadata(finishingHere ? next.get(partition) : commitOffset(partition)));
            }
            next.remove(partition);
            held.remove(partition);
        }
        return Map.copyOf(offsets);
    }

    /**
     * The offset to commit for each partition read so far.
     */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable()
    {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.keySet().forEach(partition -> offsets.put(partition, new OffsetAndMetadata(commitOffset(partition))));
        return Map.copyOf(offsets);
    }

    private long commitOffset(TopicPartition partition)
    {
        TreeMap<Long, Integer> unfinished = held.get(partition);
        return unfinished == null ? next.get(partition) : Math.min(next.get(partition), unfinished.firstKey());
    }
}
