package io.sluice.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak memory of this process over one stage. Two figures:
 * <ul>
 * <li><b>RSS</b>: Linux's high-water mark {@code VmHWM} of {@code /proc/self/status}, reset at the stage's start by
 * writing {@code 5} to {@code /proc/self/clear_refs} (Linux 4.0+). It covers native memory (compression
 * buffers, direct buffers, thread stacks) but a JVM rarely returns memory, so the start is preceded by a full GC
 * (which lets G1 uncommit free heap) and the peak is at least what the process held then.
 * <li><b>JVM</b>: the sum of every memory pool's peak use (heap and non-heap), reset at the start: an upper
 * bound since pools peak at different moments, and it includes garbage not yet collected.
 * <li><b>Live heap</b>: the highest heap use right after a collection ({@link LiveHeap}): what the stage's
 * objects needed, independent of how far the collector let the heap grow. This is the figure to compare
 * between scale factors.
 * </ul>
 * Where the RSS peak cannot be reset, {@link #rssResettable()} is false and the RSS figure is the peak since the
 * process started.
 */
public final class MemoryProbe
        implements AutoCloseable
{
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans();
    private final LiveHeap liveHeap = new LiveHeap();
    private boolean rssResettable = true;

    public record Peak(long rssBytes, long jvmBytes, long liveHeapBytes) {}

    public void reset()
    {
        liveHeap.reset();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(CLEAR_REFS, "5");
        }
        catch (IOException | UnsupportedOperationException e) {
            rssResettable = false;
        }
    }

    public Peak peak()
    {
        long jvm = pools.stream().mapToLong(pool -> pool.getPeakUsage() == null ? 0 : pool.getPeakUsage().getUsed()).sum();
        return new Peak(highWaterMark(), jvm, liveHeap.peakBytes());
    }

    @Override
    public void close()
    {
        liveHeap.close();
    }

    public boolean rssResettable()
    {
        return rssResettable;
    }

    private long highWaterMark()
    {
        try {
            return Files.readAllLines(STATUS).stream()
                    .filter(line -> line.startsWith("VmHWM:"))
                    .findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                    .orElse(0L);
        }
        catch (IOException e) {
            rssResettable = false;
            return 0;
        }
    }
}
