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
 * is therefore read again by the group's next consumer; one finished before the stop is not. What was read of a
 * partition taken away while this consumer goes on is remembered, so that if the partition comes back its records
 * are not acted on a second time (a run is not answered "already used", a fault not rejected) and those with
 * unfinished work hold its commits again. Safe for a poller thread that reads and the threads that finish the work.
 */
final class PendingOffsets
{
    private final Map<TopicPartition, Long> next = new HashMap<>();
    // offset -> how many pieces of work of that record are unfinished
    private final Map<TopicPartition, TreeMap<Long, Integer>> held = new HashMap<>();
    // partitions taken away while this consumer went on, until it has read them again up to where it was
    private final Map<TopicPartition, Away> away = new HashMap<>();

    /**
     * A partition taken away: the records before {@code readUpTo} were acted on here, and {@code unfinished} counts
     * the work still going on per record (0 once done).
     */
    private record Away(long readUpTo, TreeMap<Long, Integer> unfinished)
    {
        Away merge(Away later)
        {
            TreeMap<Long, Integer> both = new TreeMap<>(unfinished);
            later.unfinished.forEach((offset, count) -> both.merge(offset, count, Integer::sum));
            return new Away(Math.max(readUpTo, later.readUpTo), both);
        }
    }

    /**
     * The record at {@code offset} was read and acted on, apart from the work {@link #hold} registered for it.
     */
    synchronized void read(TopicPartition partition, long offset)
    {
        requireNonNull(partition, "partition is null");
        requireNonNegative(offset, "offset");
        next.merge(partition, offset + 1, Math::max);
        Away earlier = away.get(partition);
        if (earlier != null && offset + 1 >= earlier.readUpTo()) {
            // read again up to where it was: what comes next was never acted on
            away.remove(partition);
        }
    }

    /**
     * Whether the record at {@code offset} was read and acted on here before its partition was taken away (lost, then
     * assigned back): it must not be acted on again. Its work, if still unfinished, holds the partition's commits
     * again. Call before {@link #read} of the record.
     */
    synchronized boolean actedOnHere(TopicPartition partition, long offset)
    {
        requireNonNull(partition, "partition is null");
        requireNonNegative(offset, "offset");
        Away earlier = away.get(partition);
        if (earlier == null || offset >= earlier.readUpTo()) {
            return false;
        }
        Integer unfinished = earlier.unfinished().remove(offset);
        if (unfinished != null && unfinished > 0) {
            held.computeIfAbsent(partition, _ -> new TreeMap<>()).put(offset, unfinished);
        }
        return true;
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
        if (offsets != null && offsets.containsKey(offset)) {
            offsets.computeIfPresent(offset, (_, count) -> count == 1 ? null : count - 1);
            if (offsets.isEmpty()) {
                held.remove(partition);
            }
            return;
        }
        // else the partition was taken away, or forgotten at a stop
        Away earlier = away.get(partition);
        if (earlier != null) {
            earlier.unfinished().computeIfPresent(offset, (_, count) -> count - 1);
        }
    }

    /**
     * Forgets {@code partitions}, which this consumer gives up.
     *
     * @param finishingHere whether the unfinished work of their records goes on here (a rebalance moves the partitions
     * to another consumer while this one runs on, or the group took them from this consumer), so their next consumer
     * must not do it again, nor this one should they come back; otherwise this consumer stops, and their next consumer
     * does it again
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
            Long readUpTo = next.remove(partition);
            TreeMap<Long, Integer> unfinished = held.remove(partition);
            if (finishingHere && readUpTo != null) {
                away.merge(partition, new Away(readUpTo, unfinished == null ? new TreeMap<>() : unfinished), Away::merge);
            }
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
