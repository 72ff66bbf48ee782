package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Whether memory stays flat as the scale factor grows: each stage's peak RSS in the runs of the smallest and
 * the largest dataset, and their ratio (the goal: within 20%, a growth of at most 1.2).
 */
public record MemoryGrowth(String stage, String smallDataset, long smallPeakRssBytes, String largeDataset, long largePeakRssBytes)
{
    public static final double FLAT = 1.2;

    public MemoryGrowth
    {
        requireNonNull(stage, "stage is null");
        requireNonNull(smallDataset, "smallDataset is null");
        requireNonNull(largeDataset, "largeDataset is null");
    }

    public double growth()
    {
        return smallPeakRssBytes == 0 ? 0 : (double) largePeakRssBytes / smallPeakRssBytes;
    }

    public boolean flat()
    {
        return growth() <= FLAT;
    }

    /**
     * @param runs reports in growing scale factor order, at least two
     */
    public static List<MemoryGrowth> between(List<BenchReport> runs)
    {
        if (runs.size() < 2) {
            throw new IllegalArgumentException("memory growth needs runs at two scale factors at least");
        }
        BenchReport small = runs.getFirst();
        BenchReport large = runs.getLast();
        List<MemoryGrowth> growth = new ArrayList<>();
        for (StageResult stage : small.stages()) {
            large.stage(stage.name()).ifPresent(other -> growth.add(
                    new MemoryGrowth(stage.name(), small.dataset(), stage.peakRssBytes(), large.dataset(), other.peakRssBytes())));
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
            item.put("smallPeakRssBytes", stage.smallPeakRssBytes());
            item.put("largeDataset", stage.largeDataset());
            item.put("largePeakRssBytes", stage.largePeakRssBytes());
            item.put("growth", stage.growth());
            item.put("flat", stage.flat());
        }
        return items;
    }

    public static String table(List<MemoryGrowth> growth)
    {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-18s %14s %14s %8s%n", "peak RSS", "small", "large", "growth"));
        for (MemoryGrowth stage : growth) {
            text.append(String.format(Locale.ROOT, "%-18s %11.0f MB %11.0f MB %7.2f%s%n", stage.stage(), stage.smallPeakRssBytes() / 1e6,
                    stage.largePeakRssBytes() / 1e6, stage.growth(), stage.flat() ? "" : "  (more than " + FLAT + ")"));
        }
        return text.toString();
    }
}
