package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.generator.plan.TableShape;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Determinism and coverage of chunks, without Kafka: the parts of a table together are exactly the table
 * generated as one part (same row count, same order-independent checksum, so no row is missing or
 * doubled), generating a chunk twice gives the same sub-chunks, and no sub-chunk exceeds its row bound.
 */
class ChunkRowsTest
{
    private static final int PARTS = 4;
    private static final int SUB_CHUNK_ROWS = 2_000;

    @ParameterizedTest
    @CsvSource({
            "tpch, lineitem, 60175",
            "tpch, orders, 15000",
            "tpch, customer, 1500",
            "tpch, part, 2000",
            "tpch, partsupp, 8000",
            "tpch, supplier, 100",
            "tpch, nation, 25",
            "tpch, region, 5",
            "tpcds, store_sales, 120527",
            "tpcds, store_returns, 11925",
            "tpcds, web_returns, 1152",
            "tpcds, item, 2000",
            "tpcds, customer_demographics, 1920800",
    })
    void partsTogetherAreTheWholeTableOnceAndRepeatable(String benchmarkId, String table, long rows)
    {
        Benchmark benchmark = Benchmark.fromId(benchmarkId);
        DatasetId dataset = new DatasetId(benchmark, ScaleFactor.parse("0.01"));
        TableShape shape = TableShape.of(benchmark, table);

        ChunkChecksum parts = new ChunkChecksum();
        List<ChunkPlan> chunks = new ArrayList<>();
        for (int part = 1; part <= PARTS; part++) {
            ChunkPlan chunk = ChunkPlan.of(dataset, shape, part, PARTS, SUB_CHUNK_ROWS);
            chunks.add(chunk);
            List<ChunkChecksum> subChunks = ChunkDigests.of(chunk);
            assertThat(subChunks).allSatisfy(subChunk -> assertThat(subChunk.rows()).isLessThanOrEqualTo(SUB_CHUNK_ROWS));
            parts.combine(ChunkDigests.total(subChunks));
        }
        ChunkChecksum whole = ChunkDigests.total(ChunkDigests.of(ChunkPlan.of(dataset, shape, 1, 1, 5_000_000)));

        assertThat(parts.rows()).isEqualTo(rows);
        assertThat(whole.rows()).isEqualTo(rows);
        assertThat(parts.value()).isEqualTo(whole.value());

        ChunkPlan largest = chunks.stream().max(Comparator.comparingLong(chunk -> chunk.units().count())).orElseThrow();
        assertThat(ChunkDigests.of(largest)).extracting(ChunkChecksum::value).containsExactlyElementsOf(ChunkDigests.of(largest).stream().map(ChunkChecksum::value).toList());
    }
}
