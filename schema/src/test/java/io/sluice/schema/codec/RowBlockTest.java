package io.sluice.schema.codec;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.row.TpchRowConverter;
import io.trino.tpch.LineItem;
import io.trino.tpch.TpchTable;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.sluice.schema.codec.UndecodableMessageException.Reason.BAD_MAGIC;
import static io.sluice.schema.codec.UndecodableMessageException.Reason.TRUNCATED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowBlockTest
{
    private static final RowCodec LINEITEM = RowCodec.forTable(Benchmark.TPCH, "lineitem");

    @Test
    void blockHoldsTheRowsInOrderUnderTheFingerprint()
    {
        List<byte[]> payloads = lineitemPayloads(300);
        RowBlock.Writer writer = new RowBlock.Writer(LINEITEM.fingerprint(), 16);
        payloads.forEach(payload -> writer.add(ByteBuffer.wrap(payload)));
        assertThat(writer.rows()).isEqualTo(300);
        int size = writer.size();

        byte[] block = writer.finish();

        assertThat(block).hasSize(size);
        assertThat(block[0]).isEqualTo((byte) 0x53);
        assertThat(block[1]).isEqualTo((byte) 0x42);
        RowBlock.Rows rows = RowBlock.read(block);
        assertThat(rows.fingerprint()).isEqualTo(LINEITEM.fingerprint());
        assertThat(rows.payloads()).map(RowBlockTest::bytes).containsExactlyElementsOf(payloads);
        // the payloads are slices of the value, starting at their own first byte
        assertThat(rows.payloads().getFirst().array()).isSameAs(block);
        assertThat(rows.payloads().getFirst().position()).isZero();
        assertThat(writer.rows()).isZero();
        assertThat(writer.size()).isEqualTo(RowBlock.HEADER_LENGTH);
    }

    @Test
    void writerStartsAfreshAfterFinish()
    {
        List<byte[]> payloads = lineitemPayloads(3);
        RowBlock.Writer writer = new RowBlock.Writer(LINEITEM.fingerprint(), 64);
        writer.add(ByteBuffer.wrap(payloads.get(0)));
        writer.finish();
        writer.add(ByteBuffer.wrap(payloads.get(1)));
        writer.add(ByteBuffer.wrap(payloads.get(2)));

        assertThat(RowBlock.read(writer.finish()).payloads()).map(RowBlockTest::bytes).containsExactly(payloads.get(1), payloads.get(2));
    }

    @Test
    void addLeavesThePayloadPositionAlone()
    {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {9, 1, 2, 3}, 1, 3);
        RowBlock.Writer writer = new RowBlock.Writer(7, 16);
        writer.add(payload);

        assertThat(payload.position()).isEqualTo(1);
        assertThat(RowBlock.read(writer.finish()).payloads()).map(RowBlockTest::bytes).containsExactly(new byte[] {1, 2, 3});
    }

    @Test
    void rowsLongerThanOneVarintByteAndEmptyRows()
    {
        byte[] large = new byte[70_000];
        Arrays.fill(large, (byte) 5);
        RowBlock.Writer writer = new RowBlock.Writer(7, 16);
        writer.add(ByteBuffer.wrap(new byte[0]));
        writer.add(ByteBuffer.wrap(large));

        RowBlock.Rows rows = RowBlock.read(writer.finish());

        assertThat(rows.fingerprint()).isEqualTo(7);
        assertThat(rows.payloads()).map(RowBlockTest::bytes).containsExactly(new byte[0], large);
    }

    @Test
    void singleObjectMessageIsOneRow()
    {
        LineItem row = TpchTable.LINE_ITEM.createGenerator(0.01, 1, 1).iterator().next();
        GenericRecord record = TpchRowConverter.of(TpchTable.LINE_ITEM).convert(row);

        RowBlock.Rows rows = RowBlock.read(LINEITEM.encode(record));

        assertThat(rows.fingerprint()).isEqualTo(LINEITEM.fingerprint());
        assertThat(rows.payloads()).map(RowBlockTest::bytes).containsExactly(LINEITEM.encodePayload(record));
    }

    @Test
    void badFramingIsRefusedWhole()
    {
        RowBlock.Writer writer = new RowBlock.Writer(7, 16);
        writer.add(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        writer.add(ByteBuffer.wrap(new byte[] {4, 5, 6, 7}));
        byte[] block = writer.finish();

        assertThatThrownBy(() -> RowBlock.read(Arrays.copyOf(block, block.length - 1)))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(TRUNCATED))
                .hasMessageContaining("row 2 of the row block claims 4 bytes, 3 are left");
        byte[] unfinishedLength = Arrays.copyOf(block, block.length + 1);
        unfinishedLength[block.length] = (byte) 0x80;
        assertThatThrownBy(() -> RowBlock.read(unfinishedLength))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(TRUNCATED))
                .hasMessageContaining("row 3 of the row block has no complete length");
        assertThatThrownBy(() -> RowBlock.read(Arrays.copyOf(block, 6)))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(TRUNCATED))
                .hasMessageContaining("fewer than its 10-byte header");
        assertThatThrownBy(() -> RowBlock.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(BAD_MAGIC))
                .hasMessageContaining("starts with 0102, neither the row block marker 5342 nor the Avro single-object marker c301");
        assertThatThrownBy(() -> RowBlock.read(new byte[] {(byte) 0xC3}))
                .isInstanceOfSatisfying(UndecodableMessageException.class, e -> assertThat(e.reason()).isEqualTo(TRUNCATED));
    }

    @Test
    void headerOnlyBlockHasNoRows()
    {
        RowBlock.Rows rows = RowBlock.read(new RowBlock.Writer(42, 16).finish());

        assertThat(rows.fingerprint()).isEqualTo(42);
        assertThat(rows.payloads()).isEmpty();
    }

    private static List<byte[]> lineitemPayloads(int count)
    {
        TpchRowConverter<LineItem> converter = TpchRowConverter.of(TpchTable.LINE_ITEM);
        List<byte[]> payloads = new ArrayList<>();
        for (LineItem row : TpchTable.LINE_ITEM.createGenerator(0.01, 1, 1)) {
            if (payloads.size() == count) {
                break;
            }
            payloads.add(LINEITEM.encodePayload(converter.convert(row)));
        }
        return payloads;
    }

    private static byte[] bytes(ByteBuffer payload)
    {
        byte[] bytes = new byte[payload.remaining()];
        payload.get(payload.position(), bytes);
        return bytes;
    }
}
