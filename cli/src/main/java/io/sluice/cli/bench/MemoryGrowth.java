package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Whether memory stays flat as the scale factor grows: each stage's peak live heap (and, for reference, peak RSS)
 * in the runs of the smallest and the largest dataset, and their ratio. The goal, within 20% (a growth of at most
 * 1.2), is judged on the live heap: the RSS of a JVM follows how far its collector let the heap grow, which
 * depends on the run's length more than on what the service holds.
 */
public record MemoryGrowth(String stage, String smallDataset, String largeDataset, RunMemory.Stage small, RunMemory.Stage large)
{
    public static final double FLAT = 1.2;

    public MemoryGrowth
    {
        requireNonNull(stage, "stage is null");
        requireNonNull(smallDataset, "smallDataset is null");
        requireNonNull(largeDataset, "largeDataset is null");
        requireNonNull(small, "small is null");
        requireNonNull(large, "large is null");
    }

    /** Live heap growth, the figure the goal is judged on. */
    public double growth()
    {
        return ratio(large.peakLiveHeapBytes(), small.peakLiveHeapBytes());
    }

    public double rssGrowth()
    {
        return ratio(large.peakRssBytes(), small.peakRssBytes());
    }

    public boolean flat()
    {
        return growth() <= FLAT;
    }

    /**
     * @param runs runs in growing scale factor order, at least two
     */
    public static List<MemoryGrowth> between(List<RunMemory> runs)
    {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("memory growth needs runs at two scale factors at least");
        }
        RunMemory small = runs.getFirst();
        RunMemory large = runs.getLast();
        List<MemoryGrowth> growth = new ArrayList<>();
        for (RunMemory.Stage stage : small.stages()) {
            large.stage(stage.name()).ifPresent(other -> growth.add(new MemoryGrowth(stage.name(), small.dataset(), large.dataset(), stage, other)));
        }
        return growth;
    }

    public static ArrayNode toJson(ObjectMapper mapper, List<MemoryGrowth> growth)
    {
        ArrayNode items = mapper.createArrayNode();
        for (MemoryGrowth stage : growth) {
            ObjectNode item = items.addObject();
            item.put("name", stage.stage());
            item.put("smallDataset", stage.smallDataset());
            item.put("smallPeakLiveHeapBytes", stage.small().peakLiveHeapBytes());
            item.put("smallPeakRssBytes", stage.small().peakRssBytes());
            item.put("largeDataset", stage.largeDataset());
            item.put("largePeakLiveHeapBytes", stage.large().peakLiveHeapBytes());
            item.put("largePeakRssBytes", stage.large().peakRssBytes());
            item.put("growth", stage.growth());
            item.put("rssGrowth", stage.rssGrowth());
            item.put("flat", stage.flat());
        }
        return items;
    }

    public static String table(List<MemoryGrowth> growth)
    {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-18s %15s %14s %8s   %14s %14s %10s%n",
                "stage", "live heap small", "large", "growth", "peak RSS small", "large", "RSS growth"));
        for (MemoryGrowth stage : growth) {
            text.append(String.format(Locale.ROOT, "%-18s %12.0f MB %11.0f MB %8.2f   %11.0f MB %11.0f MB %10.2f%s%n", stage.stage(),
                    stage.small().peakLiveHeapBytes() / 1e6, stage.large().peakLiveHeapBytes() / 1e6, stage.growth(),
                    stage.small().peakRssBytes() / 1e6, stage.large().peakRssBytes() / 1e6, stage.rssGrowth(),
                    stage.flat() ? "" : "  (live heap grew more than " + FLAT + "x)"));
        }
        return text.toString();
    }

    private static double ratio(long large, long small)
    {
        return small == 0 ? 0 : (double) large / small;
    }
}
