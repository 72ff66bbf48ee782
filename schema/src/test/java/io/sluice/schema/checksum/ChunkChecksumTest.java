package io.sluice.schema.checksum;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.row.GeneratedRows;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.row.RowModel;
import io.sluice.schema.row.TpcdsRowConverter;
import io.sluice.schema.row.TpchRowConverter;
import io.trino.tpch.TpchTable;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkChecksumTest
{
    private final RowCodec codec = RowCodec.forTable(Benchmark.TPCH, "lineitem");
    private List<GenericData.Record> rows;

    @BeforeEach
    void generate()
    {
        TpchRowConverter<io.trino.tpch.LineItem> converter = TpchRowConverter.of(TpchTable.LINE_ITEM);
        rows = GeneratedRows.tpch(TpchTable.LINE_ITEM, 2_000).stream().map(converter::convert).toList();
    }

    @Test
    void isXxh64WithSeedZeroOfTheCanonicalBytes()
    {
        // XXH64 of the empty input with seed 0, as published with the xxHash reference implementation.
        assertThat(new ChunkChecksum().add(new byte[0]).value()).isEqualTo(0xEF46DB3751D8E999L);
    }

    @Test
    void ignoresRowOrder()
    {
        List<GenericData.Record> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(shuffled).isNotEqualTo(rows);
        assertThat(checksum(shuffled).value()).isEqualTo(checksum(rows).value());
    }

    @Test
    void seesDuplicatedMissingAndChangedRows()
    {
        long expected = checksum(rows).value();

        List<GenericData.Record> duplicated = new ArrayList<>(rows);
        duplicated.add(rows.get(17));
        assertThat(checksum(duplicated).value()).isNotEqualTo(expected);
        assertThat(checksum(duplicated).rows()).isEqualTo(rows.size() + 1);

        assertThat(checksum(rows.subList(1, rows.size())).value()).isNotEqualTo(expected);

        List<GenericData.Record> changed = new ArrayList<>(rows);
        // A deep copy needs the row model: GenericData's default one cannot copy BigDecimal values.
        GenericData.Record copy = RowModel.create().deepCopy(codec.schema(), rows.get(5));
        copy.put("l_linestatus", "X".equals(copy.get("l_linestatus")) ? "Y" : "X");
        changed.set(5, copy);
        assertThat(checksum(changed).value()).isNotEqualTo(expected);
    }

    @Test
    void combinesChunks()
    {
        ChunkChecksum whole = checksum(rows);
        ChunkChecksum first = checksum(rows.subList(0, 700));
        ChunkChecksum second = checksum(rows.subList(700, rows.size()));
        ChunkChecksum combined = new ChunkChecksum().combine(second).combine(first);
        assertThat(combined.value()).isEqualTo(whole.value());
        assertThat(combined.rows()).isEqualTo(rows.size());
        assertThat(new ChunkChecksum().combine(first.value(), first.rows()).combine(second).value()).isEqualTo(whole.value());
    }

    @Test
    void sameFromRecordsPayloadsAndLandedMessages()
    {
        ChunkChecksum fromRecords = checksum(rows);
        ChunkChecksum fromPayloads = new ChunkChecksum();
        ChunkChecksum fromMessages = new ChunkChecksum();
        ChunkChecksum fromDecoded = new ChunkChecksum();
        for (GenericRecord row : rows) {
            fromPayloads.add(codec.encodePayload(row));
            byte[] message = codec.encode(row);
            ByteBuffer payload = RowCodec.payload(message);
            fromMessages.add(payload);
            assertThat(payload.remaining()).isEqualTo(message.length - 10);
            fromDecoded.add(codec.decode(message));
        }
        assertThat(fromPayloads.value()).isEqualTo(fromRecords.value());
        assertThat(fromMessages.value()).isEqualTo(fromRecords.value());
        assertThat(fromDecoded.value()).isEqualTo(fromRecords.value());
    }

    @Test
    void coversTpcdsRowsWithNulls()
    {
        TpcdsRowConverter converter = TpcdsRowConverter.of("store_sales");
        List<GenericData.Record> sales = GeneratedRows.tpcds(io.trino.tpcds.Table.STORE_SALES, 500).stream().map(converter::convert).toList();
        List<GenericData.Record> reversed = new ArrayList<>(sales);
        Collections.reverse(reversed);
        assertThat(checksum(reversed).value()).isEqualTo(checksum(sales).value());
        assertThat(checksum(sales.subList(0, 499)).value()).isNotEqualTo(checksum(sales).value());
    }

    private static ChunkChecksum checksum(List<? extends GenericRecord> rows)
    {
        ChunkChecksum checksum = new ChunkChecksum();
        rows.forEach(checksum::add);
        return checksum;
    }
}
