package io.sluice.loaders.parquet;

import io.sluice.schema.dataset.DatasetId;

import static java.util.Objects.requireNonNull;

/**
 * Where landed Parquet objects live in the bucket: {@code <benchmark>/<sf token>/<table>/part-<partition>-<firstOffset>.parquet}
 * ({@code tpch/sf0_01/lineitem/part-0-0.parquet}). The key is a function of the Kafka position of the object's
 * first row, so a batch written again after a crash replaces its object instead of adding one; one table's
 * objects share a prefix that query engines read as one table.
 */
public final class ParquetLayout
{
    public static final String SUFFIX = ".parquet";

    private ParquetLayout() {}

    /**
     * The prefix of one table's objects, ending in {@code /}.
     */
    public static String tablePrefix(DatasetId dataset, String table)
    {
        requireNonNull(dataset, "dataset is null");
        return "%s/%s/%s/".formatted(dataset.benchmark().id(), dataset.scaleFactor().token(), dataset.benchmark().checkTable(table));
    }

    public static String objectKey(DatasetId dataset, String table, int partition, long firstOffset)
    {
        if (partition < 0 || firstOffset < 0) {
            throw new IllegalArgumentException("partition and firstOffset must be >= 0, got %d and %d".formatted(partition, firstOffset));
        }
        return tablePrefix(dataset, table) + "part-%d-%d%s".formatted(partition, firstOffset, SUFFIX);
    }
}
