package io.sluice.generator.plan;

import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.command.PartRange;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DatasetPlannerTest
{
    private static GeneratorSettings settings(Benchmark benchmark, String scaleFactor)
    {
        return GeneratorSettings.defaults(KafkaClientSettings.plaintext("127.0.0.1:9092"), benchmark, ScaleFactor.parse(scaleFactor));
    }

    @Test
    void tpchPartsSplitTheDrivingTableAndSubChunksBoundTheRows()
    {
        DatasetPlan plan = DatasetPlanner.plan(settings(Benchmark.TPCH, "1").withParts(4, Optional.empty()).withTables(List.of("lineitem", "orders", "nation")));

        List<ChunkPlan> lineitem = plan.chunksOf("lineitem");
        assertThat(lineitem).extracting(ChunkPlan::part).containsExactly(1, 2, 3, 4);
        // 1.5M orders in 4 parts; an order has at most 7 lines, so 500k rows are 71,428 orders
        assertThat(lineitem).allSatisfy(chunk -> {
            assertThat(chunk.units().count()).isEqualTo(375_000);
            assertThat(chunk.unitsPerSubChunk()).isEqualTo(71_428);
            assertThat(chunk.subChunks()).isEqualTo(6);
        });
        assertThat(lineitem).extracting(chunk -> chunk.units().first()).containsExactly(0L, 375_000L, 750_000L, 1_125_000L);
        assertThat(plan.chunksOf("orders")).allSatisfy(chunk -> assertThat(chunk.subChunks()).isEqualTo(1));
        // nation does not scale: all 25 rows in part 1, the other parts have one empty sub-chunk
        assertThat(plan.chunksOf("nation")).extracting(chunk -> chunk.units().count()).containsExactly(25L, 0L, 0L, 0L);
        assertThat(plan.chunksOf("nation")).extracting(ChunkPlan::subChunks).containsExactly(1, 1, 1, 1);
    }

    @Test
    void subChunkOfAUnitFollowsItsIndex()
    {
        ChunkPlan chunk = ChunkPlan.of(settings(Benchmark.TPCH, "0.01").dataset(), TableShape.of(Benchmark.TPCH, "customer"), 1, 1, 400);

        assertThat(chunk.units().count()).isEqualTo(1500);
        assertThat(chunk.subChunks()).isEqualTo(4);
        assertThat(chunk.subChunkOf(0)).isEqualTo(1);
        assertThat(chunk.subChunkOf(399)).isEqualTo(1);
        assertThat(chunk.subChunkOf(400)).isEqualTo(2);
        assertThat(chunk.subChunkOf(1499)).isEqualTo(4);
    }

    @Test
    void partRangeLimitsTheChunks()
    {
        DatasetPlan plan = DatasetPlanner.plan(settings(Benchmark.TPCH, "10").withParts(10, Optional.of(new PartRange(3, 5))));

        assertThat(plan.chunks()).hasSize(8 * 3);
        assertThat(plan.chunks()).extracting(ChunkPlan::part).containsOnly(3, 4, 5);
        assertThat(plan.chunks()).allSatisfy(chunk -> assertThat(chunk.parts()).isEqualTo(10));
    }

    @Test
    void tpcdsUsesTheLibrarySplit()
    {
        DatasetPlan plan = DatasetPlanner.plan(settings(Benchmark.TPCDS, "0.01").withParts(4, Optional.empty()).withTables(List.of("store_sales", "customer_demographics")));

        // the library leaves small tables to the first chunk and splits large ones evenly
        assertThat(plan.chunksOf("store_sales")).extracting(chunk -> chunk.units().count()).containsExactly(10_000L, 0L, 0L, 0L);
        assertThat(plan.chunksOf("customer_demographics")).extracting(chunk -> chunk.units().count()).containsOnly(480_200L);
        assertThat(plan.chunksOf("customer_demographics")).extracting(chunk -> chunk.units().first()).containsExactly(0L, 480_200L, 960_400L, 1_440_600L);
        // a ticket has up to 16 lines
        assertThat(plan.chunksOf("store_sales").getFirst().unitsPerSubChunk()).isEqualTo(500_000 / 16);
    }

    @Test
    void partitionsFollowSizeCappedByPartsAndMaximum()
    {
        assertThat(DatasetPlanner.derivedPartitions(60_175, 4)).isEqualTo(1);
        assertThat(DatasetPlanner.derivedPartitions(6_000_000, 1)).isEqualTo(1);
        assertThat(DatasetPlanner.derivedPartitions(6_000_000, 10)).isEqualTo(3);
        assertThat(DatasetPlanner.derivedPartitions(600_000_000, 100)).isEqualTo(64);
        assertThat(DatasetPlanner.derivedPartitions(15_000_000, 100)).isEqualTo(8);

        DatasetPlan plan = DatasetPlanner.plan(settings(Benchmark.TPCH, "100").withParts(100, Optional.empty()));
        assertThat(plan.partitions()).containsEntry("lineitem", 64).containsEntry("orders", 64).containsEntry("partsupp", 40)
                .containsEntry("part", 10).containsEntry("customer", 8).containsEntry("supplier", 1).containsEntry("nation", 1).containsEntry("region", 1);
    }

    @Test
    void partitionOverrideAppliesToEveryTable()
    {
        GeneratorSettings base = settings(Benchmark.TPCH, "1");
        GeneratorSettings settings = new GeneratorSettings(base.kafka(), base.benchmark(), base.scaleFactor(), Optional.of(8), Optional.empty(), List.of(),
                base.subChunkRows(), base.compression(), Optional.of(6), base.replicationFactor(), base.transactionalIdPrefix(), base.batchSizeBytes(), base.lingerMs());

        assertThat(DatasetPlanner.plan(settings).partitions().values()).containsOnly(6);
    }

    @Test
    void partsAreSpreadRoundRobinOverPartitions()
    {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().map(part -> DatasetPlanner.partitionOf(part, 3)).toList()).containsExactly(0, 1, 2, 0, 1, 2, 0);
    }
}
