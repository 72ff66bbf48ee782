package io.sluice.ingest.clickhouse;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.ingest.lander.Lander;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.clickhouse.ClickHouseLoader;
import io.sluice.ops.kafka.ProducerFactory;

import static java.util.Objects.requireNonNull;

/**
 * The ClickHouse lander: row topics → MergeTree tables, one database per dataset, exactly once.
 * {@code sluice ingest clickhouse} runs it.
 */
public final class ClickHouseLander
{
    private ClickHouseLander() {}

    /**
     * Starts landing on a new thread; close the result to stop. Batches hold at most
     * {@code min(lander.batchRows(), clickHouse.batchRows())} rows: each insert is a part to merge, so the
     * ClickHouse budget (200k by default) applies rather than the Parquet-sized lander default. Databases and
     * tables are created on their first batch; an unreachable ClickHouse is retried with the lander's backoff.
     */
    public static RunningLander run(LanderSettings lander, ClickHouseSettings clickHouse, MeterRegistry registry)
    {
        return run(lander, clickHouse, registry, ProducerFactory.KAFKA);
    }

    /**
     * @param producers makes the lander's transactional producers; a new one replaces one that failed for good
     */
    public static RunningLander run(LanderSettings lander, ClickHouseSettings clickHouse, MeterRegistry registry, ProducerFactory producers)
    {
        requireNonNull(lander, "lander is null");
        requireNonNull(clickHouse, "clickHouse is null");
        ClickHouseLoader loader = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl());
        try {
            return Lander.start(lander.withBatchRows(Math.min(lander.batchRows(), clickHouse.batchRows())), new ClickHouseSinkWriter(loader), registry, producers);
        }
        catch (RuntimeException e) {
            loader.close();
            throw e;
        }
    }
}
