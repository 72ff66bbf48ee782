package io.sluice.loaders.clickhouse;

import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.table.TableSchemas;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeBlockTest
{
    @Test
    void passesEveryGeneratedRowOfTablesWithAndWithoutNulls()
    {
        for (DatasetId dataset : new DatasetId[] {DatasetId.parse("tpch.sf0_01"), DatasetId.parse("tpcds.sf0_01")}) {
            String table = dataset.benchmark().tables().getFirst();
            NativeBlock block = new NativeBlock(TableSchemas.schema(dataset.benchmark(), table));
            List<ByteBuffer> payloads = GeneratedRows.of(dataset, table).payloads();
            payloads.forEach(payload -> {
                int position = payload.position();
                block.append(payload);
                assertThat(payload.position()).isEqualTo(position);
            });
            assertThat(block.rows()).isEqualTo(payloads.size());
            assertThat(block.bufferedBytes()).isEqualTo(payloads.stream().mapToLong(ByteBuffer::remaining).sum());
        }
    }

    @Test
    void refusesTruncatedPaddedAndForeignRowsLeavingTheBlockAsItWas()
            throws IOException
    {
        DatasetId tpch = DatasetId.parse("tpch.sf0_01");
        NativeBlock nation = new NativeBlock(TableSchemas.schema(tpch.benchmark(), "nation"));
        ByteBuffer row = GeneratedRows.of(tpch, "nation").payloads().getFirst();
        nation.append(row);
        byte[] before = nation.content().readAllBytes();
        byte[] bytes = new byte[row.remaining()];
        row.duplicate().get(bytes);

        assertThatThrownBy(() -> nation.append(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length - 1))))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(UndecodableMessageException.Reason.TRUNCATED));
        assertThatThrownBy(() -> nation.append(ByteBuffer.wrap(Arrays.copyOf(bytes, bytes.length + 1))))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(UndecodableMessageException.Reason.MALFORMED_PAYLOAD))
                .hasMessageContaining("1 bytes left over");
        ByteBuffer region = GeneratedRows.of(tpch, "region").payloads().getFirst();
        assertThatThrownBy(() -> nation.append(region)).isInstanceOf(UndecodableMessageException.class);
        assertThat(nation.rows()).isEqualTo(1);
        assertThat(nation.content().readAllBytes()).isEqualTo(before);
    }

    @Test
    void refusesAUnionBranchTheSchemaDoesNotHave()
    {
        NativeBlock reason = new NativeBlock(TableSchemas.schema(DatasetId.parse("tpcds.sf1").benchmark(), "reason"));
        // r_reason_sk = 1, then r_reason_id with branch index 2 (zig-zag 4)
        assertThatThrownBy(() -> reason.append(ByteBuffer.wrap(new byte[] {2, 4, 0, 0})))
                .hasMessageContaining("union branch 2 of 2");
    }

    @Test
    void writesEachColumnInClickHouseNativeForm()
            throws IOException
    {
        NativeBlock partsupp = new NativeBlock(TableSchemas.schema(DatasetId.parse("tpch.sf1").benchmark(), "partsupp"));
        // ps_partkey 1, ps_suppkey -1, ps_availqty 3, ps_supplycost -2.56 (unscaled -256 = FF 00), ps_comment "x"
        partsupp.append(ByteBuffer.wrap(new byte[] {2, 1, 6, 4, (byte) 0xFF, 0, 2, 'x'}));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {5, 1});
        column(expected, "ps_partkey", "Int64", 1, 0, 0, 0, 0, 0, 0, 0);
        column(expected, "ps_suppkey", "Int64", -1, -1, -1, -1, -1, -1, -1, -1);
        column(expected, "ps_availqty", "Int32", 3, 0, 0, 0);
        column(expected, "ps_supplycost", "Decimal(15, 2)", 0, -1, -1, -1, -1, -1, -1, -1);
        column(expected, "ps_comment", "String", 1, 'x');
        assertThat(partsupp.content().readAllBytes()).isEqualTo(expected.toByteArray());
        assertThat(partsupp.contentBytes()).isEqualTo(expected.size());
    }

    @Test
    void writesANullAsItsNullMapFlagAndTheTypesZero()
            throws IOException
    {
        NativeBlock reason = new NativeBlock(TableSchemas.schema(DatasetId.parse("tpcds.sf1").benchmark(), "reason"));
        // r_reason_sk 1, r_reason_id null, r_reason_desc "ab"
        reason.append(ByteBuffer.wrap(new byte[] {2, 0, 2, 4, 'a', 'b'}));

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {3, 1});
        column(expected, "r_reason_sk", "Int64", 1, 0, 0, 0, 0, 0, 0, 0);
        column(expected, "r_reason_id", "Nullable(String)", 1, 0);
        column(expected, "r_reason_desc", "Nullable(String)", 0, 2, 'a', 'b');
        assertThat(reason.content().readAllBytes()).isEqualTo(expected.toByteArray());
        assertThat(reason.contentBytes()).isEqualTo(expected.size());
    }

    private static void column(ByteArrayOutputStream out, String name, String type, int... data)
    {
        for (String text : List.of(name, type)) {
            out.write(text.length());
            out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
        }
        for (int b : data) {
            out.write(b);
        }
    }
}
