package io.sluice.generator.plan;

import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.DatasetId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a generator run from its settings. Partitions of a row topic:
 * {@code min(parts, 64, max(1, ceil(estimatedRows / 2,000,000)))} unless overridden: records are keyed by part,
 * so partitions beyond the part count would stay empty, and ~2M rows (~250 MB) per partition keeps landers
 * busy without a partition per part at large scale factors.
 */
public final class DatasetPlanner
{
    public static final long ROWS_PER_PARTITION = 2_000_000;
    public static final int MAX_DERIVED_PARTITIONS = 64;

    private DatasetPlanner() {}

    public static DatasetPlan plan(GeneratorSettings settings)
    {
        DatasetId dataset = settings.dataset();
        int parts = settings.effectiveParts();
        List<ChunkPlan> chunks = new ArrayList<>();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (String table : settings.effectiveTables()) {
            TableShape shape = TableShape.of(dataset.benchmark(), table);
            for (int part = settings.effectivePartRange().first(); part <= settings.effectivePartRange().last(); part++) {
                chunks.add(ChunkPlan.of(dataset, shape, part, parts, settings.subChunkRows()));
            }
            partitions.put(table, settings.partitions().orElseGet(() -> derivedPartitions(shape.estimatedRows(dataset.scaleFactor()), parts)));
        }
        return new DatasetPlan(dataset, parts, settings.effectivePartRange(), settings.effectiveTables(), chunks, partitions);
    }

    public static int derivedPartitions(long estimatedRows, int parts)
    {
        long bySize = Math.max(1, Math.ceilDiv(estimatedRows, ROWS_PER_PARTITION));
        return (int) Math.min(Math.min(parts, MAX_DERIVED_PARTITIONS), bySize);
    }

    /**
     * The partition of a part's records: parts are spread round-robin, so consecutive parts (one pod's
     * share) land on different partitions.
     */
    public static int partitionOf(int part, int partitions)
    {
        return (part - 1) % partitions;
    }
}
