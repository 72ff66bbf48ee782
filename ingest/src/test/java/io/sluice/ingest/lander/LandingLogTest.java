package io.sluice.ingest.lander;

import io.sluice.ops.LogInterval;
import io.sluice.schema.event.Sink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class LandingLogTest
{
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void logsTheTotalsSinceStartAtMostOncePerInterval()
    {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        LandingLog landing = new LandingLog(Sink.PARQUET, new LogInterval(Duration.ofSeconds(30), clock::get), lines::add);

        landing.batchLanded("tpch.sf1.orders-0", 1_500_000, 1);
        clock.addAndGet(20 * SECOND);
        landing.batchLanded("tpch.sf1.lineitem-2", 2_000_000, 0);
        assertThat(lines).isEmpty();

        clock.addAndGet(10 * SECOND);
        landing.batchLanded("tpch.sf1.lineitem-2", 1_000_000, 2);
        clock.addAndGet(SECOND);
        landing.batchLanded("tpch.sf1.nation-0", 25, 1);
        assertThat(lines).containsExactly("PARQUET lander: 4,500,000 rows in 3 batches (3 sub-chunks) landed since it started; last batch: 1,000,000 rows of tpch.sf1.lineitem-2");

        clock.addAndGet(30 * SECOND);
        landing.batchLanded("tpch.sf1.region-0", 5, 1);
        assertThat(lines).hasSize(2).last().isEqualTo("PARQUET lander: 4,500,030 rows in 5 batches (5 sub-chunks) landed since it started; last batch: 5 rows of tpch.sf1.region-0");
    }

    @Test
    void aFirstBatchAfterALongWaitIsOneBatch()
    {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        LandingLog landing = new LandingLog(Sink.CLICKHOUSE, new LogInterval(Duration.ofSeconds(30), clock::get), lines::add);

        clock.addAndGet(31 * SECOND);
        landing.batchLanded("tpch.sf1.region-0", 5, 1);

        assertThat(lines).containsExactly("CLICKHOUSE lander: 5 rows in 1 batch (1 sub-chunk) landed since it started; last batch: 5 rows of tpch.sf1.region-0");
    }
}
