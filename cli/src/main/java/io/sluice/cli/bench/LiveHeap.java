package io.sluice.cli.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The live heap of this process: the highest heap use right after a garbage collection since {@link #reset()}.
 * Unlike the resident set or the heap's committed size, it does not depend on how far the collector let the
 * heap grow, only on what the program still referenced when it was collected. Collections are reported by
 * the JVM's notifications (a service thread, shortly after each collection), so every collection counts, not
 * only those that happen to precede a sample.
 * <p>
 * An upper bound: a young collection's figure includes whatever died in the old generation since the last
 * collection of it.
 */
public final class LiveHeap implements AutoCloseable
{
    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    private final List<NotificationEmitter> collectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(GarbageCollectorMXBean.class::cast)
            .filter(NotificationEmitter.class::isInstance)
            .map(NotificationEmitter.class::cast)
            .toList();
    private final AtomicLong peak = new AtomicLong();
    private final NotificationListener listener = this::collected;

    public LiveHeap()
    {
        collectors.forEach(collector -> collector.addNotificationListener(listener, null, null));
    }

    /** Collects (a full GC, not to be timed) and starts the peak from what survived it. */
    public void reset()
    {
        System.gc();
        peak.set(heapUsedNow());
    }

    public long peakBytes()
    {
        return peak.get();
    }

    @Override
    public void close()
    {
        for (NotificationEmitter collector : collectors) {
            try {
                collector.removeNotificationListener(listener);
            }
            catch (ListenerNotFoundException e) {
                // never added to this collector: nothing to remove
            }
        }
    }

    private void collected(Notification notification, Object handback)
    {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc();
        long used = after.entrySet().stream()
                .filter(pool -> heapPools.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed())
                .sum();
        peak.accumulateAndGet(used, Math::max);
    }

    private long heapUsedNow()
    {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> heapPools.contains(pool.getName()))
                .mapToLong(pool -> pool.getUsage().getUsed())
                .sum();
    }
}
