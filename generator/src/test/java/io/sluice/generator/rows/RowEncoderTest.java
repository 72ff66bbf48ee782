package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.generator.plan.TableShape;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.row.RowCodec;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RowEncoderTest
{
    @ParameterizedTest
    @CsvSource({
            "tpch, lineitem", "tpch, orders", "tpch, customer", "tpch, part", "tpch, partsupp", "tpch, supplier", "tpch, nation", "tpch, region",
            "tpcds, store_sales", "tpcds, store_returns", "tpcds, customer", "tpcds, item", "tpcds, date_dim", "tpcds, call_center", "tpcds, promotion",
    })
    void writesTheBytesOfRowCodecAndChecksumsTheirPayload(String benchmarkId, String table)
    {
        Benchmark benchmark = Benchmark.fromId(benchmarkId);
        ChunkPlan chunk = ChunkPlan.of(new DatasetId(benchmark, ScaleFactor.parse("0.01")), TableShape.of(benchmark, table), 1, 1, 500_000);
        RowCodec codec = RowCodec.forTable(benchmark, table);
        RowEncoder encoder = new RowEncoder(codec.schema());
        ChunkChecksum viaEncoder = new ChunkChecksum();
        ChunkChecksum viaCodec = new ChunkChecksum();

        ChunkRows rows = ChunkRows.of(chunk);
        int count = 0;
        while (rows.next() && count < 3_000) {
            GenericData.Record record = rows.record();
            byte[] message = encoder.encode(record, viaEncoder);
            assertThat(message).isEqualTo(codec.encode(record));
            viaCodec.add(RowCodec.payload(message));
            count++;
        }

        assertThat(count).isPositive();
        assertThat(viaEncoder.rows()).isEqualTo(count);
        assertThat(viaEncoder.value()).isEqualTo(viaCodec.value());
    }
}
