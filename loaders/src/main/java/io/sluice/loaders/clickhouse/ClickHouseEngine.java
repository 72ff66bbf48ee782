package io.sluice.loaders.clickhouse;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The table engine of landed tables. Both keep the recent insert tokens so that a batch inserted again with
 * the same {@code insert_deduplication_token} is dropped; they differ in where that log lives.
 */
public enum ClickHouseEngine
{
    /** One server (the local stack, a single-node install): the log is on the table's disk. */
    MERGE_TREE("MergeTree()", "non_replicated_deduplication_window"),
    /** A replicated install (the chart's ClickHouse cluster): the log is in Keeper, shared by the replicas. */
    REPLICATED_MERGE_TREE("ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')", "replicated_deduplication_window");

    private final String clause;
    private final String deduplicationWindowSetting;

    ClickHouseEngine(String clause, String deduplicationWindowSetting)
    {
        this.clause = clause;
        this.deduplicationWindowSetting = deduplicationWindowSetting;
    }

    /** The {@code ENGINE = …} expression. */
    public String clause()
    {
        return clause;
    }

    /** The table setting that sizes the deduplication log, in inserted blocks. */
    public String deduplicationWindowSetting()
    {
        return deduplicationWindowSetting;
    }

    /**
     * Reads {@code merge_tree} or {@code replicated_merge_tree} (any case, {@code -} for {@code _}).
     */
    public static ClickHouseEngine parse(String text)
    {
        String normalized = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(engine -> engine.name().equals(normalized))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("ClickHouse engine '%s' is not supported; use one of %s".formatted(text, names())));
    }

    private static String names()
    {
        return Arrays.stream(values()).map(engine -> engine.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
    }
}
