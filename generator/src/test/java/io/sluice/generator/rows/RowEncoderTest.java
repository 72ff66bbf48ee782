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

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class RowEncoderTest
{
    @ParameterizedTest
    @CsvSource({
            "tpch, lineitem", "tpch, orders", "tpch, customer", "tpch, part", "tpch, partsupp", "tpch, supplier", "tpch, nation", "tpch, region",
            "tpcds, store_sales", "tpcds, store_returns", "tpcds, customer", "tpcds, item", "tpcds, date_dim", "tpcds, call_center", "tpcds, promotion",
    })
    void recordEncoderWritesTheBytesOfRowCodecAndChecksumsTheirPayload(String benchmarkId, String table)
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
            byte[] payload = bytes(encoder.encode(record, viaEncoder));
            assertThat(payload).isEqualTo(codec.encodePayload(record));
            viaCodec.add(payload);
            count++;
        }

        assertThat(count).isPositive();
        assertThat(viaEncoder.rows()).isEqualTo(count);
        assertThat(viaEncoder.value()).isEqualTo(viaCodec.value());
    }

    /**
     * Every row of every TPC-H table at sf 0.01 (negative balances, all money and date ranges, every text
     * column): the direct encoder's message is RowCodec's.
     */
    @ParameterizedTest
    @CsvSource({"tpch, lineitem", "tpch, orders", "tpch, customer", "tpch, part", "tpch, partsupp", "tpch, supplier", "tpch, nation", "tpch, region",
            "tpcds, store_sales", "tpcds, customer"})
    void chunkRowsEncodeAsRowCodecDoes(String benchmarkId, String table)
    {
        Benchmark benchmark = Benchmark.fromId(benchmarkId);
        ChunkPlan chunk = ChunkPlan.of(new DatasetId(benchmark, ScaleFactor.parse("0.01")), TableShape.of(benchmark, table), 1, 1, 500_000);
        RowCodec codec = RowCodec.forTable(benchmark, table);
        ChunkChecksum direct = new ChunkChecksum();
        ChunkChecksum viaCodec = new ChunkChecksum();

        ChunkRows rows = ChunkRows.of(chunk);
        while (rows.next()) {
            byte[] expected = codec.encodePayload(rows.record());
            assertThat(bytes(rows.encode(direct))).isEqualTo(expected);
            viaCodec.add(expected);
        }

        assertThat(direct.rows()).isEqualTo(viaCodec.rows()).isPositive();
        assertThat(direct.value()).isEqualTo(viaCodec.value());
    }

    static byte[] bytes(ByteBuffer payload)
    {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(payload.position(), bytes);
        return bytes;
    }
}
