package io.sluice.generator.rows;

import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.row.TpchRowConverter;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.junit.jupiter.api.Test;

import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;

class TpchRowEncoderTest
{
    private static final int ROWS = 2_000;

    @Test
    void writesTheBytesOfTheAvroCodecForEveryTable()
    {
        for (TpchTable<?> table : TpchTable.getTables()) {
            checkTable(table);
        }
    }

    private static <E extends TpchEntity> void checkTable(TpchTable<E> table)
    {
        TpchRowEncoder<E> encoder = new TpchRowEncoder<>(table);
        TpchRowConverter<E> converter = TpchRowConverter.of(table);
        RowCodec codec = new RowCodec(converter.schema());
        ChunkChecksum direct = new ChunkChecksum();
        ChunkChecksum expected = new ChunkChecksum();
        Iterator<E> rows = table.createGenerator(0.01, 1, 1).iterator();
        for (int i = 0; i < ROWS && rows.hasNext(); i++) {
            E row = rows.next();
            byte[] payload = codec.encodePayload(converter.convert(row));
            assertThat(RowEncoderTest.bytes(encoder.encode(row, direct))).as(table.getTableName()).isEqualTo(payload);
            expected.add(payload);
        }
        assertThat(direct.value()).as(table.getTableName()).isEqualTo(expected.value());
        assertThat(direct.rows()).isEqualTo(expected.rows());
    }
}
