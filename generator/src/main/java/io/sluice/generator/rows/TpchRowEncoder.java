package io.sluice.generator.rows;

import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.table.TableSchemas;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a TPC-H entity straight into its Avro single-object message, byte for byte what
 * {@code RowCodec.encode(TpchRowConverter.convert(row))} writes, without the intermediate record, its
 * {@code BigDecimal}s and {@code LocalDate}s, or Avro's per-field resolution. TPC-H columns are never null, so
 * the message is the header and the columns in order: longs and ints as zig-zag varints, dates as epoch-day
 * ints, money as Avro {@code decimal} bytes (the minimal big-endian two's complement of the hundredths), text
 * as length-prefixed UTF-8. Not thread-safe.
 */
final class TpchRowEncoder<E extends TpchEntity>
{
    private final List<TpchColumn<E>> columns;
    // each column is its own class, so asking it its type per row is a megamorphic call: asked once here
    private final TpchColumnType.Base[] bases;
    private final int headerLength;
    private byte[] buffer = new byte[512];
    private int position;

    TpchRowEncoder(TpchTable<E> table)
    {
        this.columns = List.copyOf(table.getColumns());
        this.bases = columns.stream().map(column -> column.getType().getBase()).toArray(TpchColumnType.Base[]::new);
        byte[] header = SingleObjectEncoding.header(SingleObjectEncoding.fingerprint(TableSchemas.schema(Benchmark.TPCH, table.getTableName())));
        System.arraycopy(header, 0, buffer, 0, header.length);
        this.headerLength = header.length;
    }

    byte[] encode(E row, ChunkChecksum checksum)
    {
        position = headerLength;
        for (int i = 0; i < bases.length; i++) {
            TpchColumn<E> column = columns.get(i);
            switch (bases[i]) {
                case IDENTIFIER -> writeLong(column.getIdentifier(row));
                case INTEGER -> writeLong(column.getInteger(row));
                case DATE -> writeLong(column.getDate(row));
                case DOUBLE -> writeDecimal(column.getIdentifier(row));
                case VARCHAR -> writeString(column.getString(row));
            }
        }
        checksum.add(buffer, headerLength, position - headerLength);
        return Arrays.copyOf(buffer, position);
    }

    /**
     * Avro int and long share the zig-zag varint form.
     */
    private void writeLong(long value)
    {
        ensure(10);
        long zigZag = (value << 1) ^ (value >> 63);
        while ((zigZag & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((zigZag & 0x7F) | 0x80);
            zigZag >>>= 7;
        }
        buffer[position++] = (byte) zigZag;
    }

    /**
     * What Avro's decimal conversion writes: {@code BigInteger.toByteArray()} of the unscaled value.
     */
    private void writeDecimal(long unscaled)
    {
        int bits = 65 - Long.numberOfLeadingZeros(unscaled < 0 ? ~unscaled : unscaled);
        int length = (bits + 7) / 8;
        writeLong(length);
        ensure(length);
        for (int i = length - 1; i >= 0; i--) {
            buffer[position++] = (byte) (unscaled >> (8 * i));
        }
    }

    private void writeString(String value)
    {
        int length = value.length();
        for (int i = 0; i < length; i++) {
            if (value.charAt(i) >= 0x80) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                writeLong(utf8.length);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, buffer, position, utf8.length);
                position += utf8.length;
                return;
            }
        }
        writeLong(length);
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[position++] = (byte) value.charAt(i);
        }
    }

    private void ensure(int bytes)
    {
        if (position + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }
}
