package io.sluice.generator.rows;

import io.sluice.schema.checksum.ChunkChecksum;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes a TPC-H entity straight into its canonical bytes (the payload of its single-object message), byte for
 * byte what {@code RowCodec.encodePayload(TpchRowConverter.convert(row))} writes, without the intermediate
 * record, its {@code BigDecimal}s and {@code LocalDate}s, or Avro's per-field resolution; {@link TpchFields}
 * reads the columns. TPC-H columns are never null, so the payload is the columns in order: longs and ints as
 * zig-zag varints, dates as epoch-day ints, money as Avro {@code decimal} bytes (the minimal big-endian two's
 * complement of the hundredths), text as length-prefixed UTF-8. Not thread-safe.
 */
final class TpchRowEncoder<E extends TpchEntity>
{
    private final TpchFields<E> fields;
    private byte[] buffer = new byte[512];
    private int position;

    TpchRowEncoder(TpchTable<E> table)
    {
        this.fields = TpchFields.of(table);
    }

    /**
     * @return the row's payload, in a buffer the next call reuses
     */
    ByteBuffer encode(E row, ChunkChecksum checksum)
    {
        position = 0;
        fields.write(row, this);
        checksum.add(buffer, 0, position);
        return ByteBuffer.wrap(buffer, 0, position);
    }

    /**
     * Avro int and long share the zig-zag varint form.
     */
    void writeLong(long value)
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
    void writeDecimal(long unscaled)
    {
        int bits = 65 - Long.numberOfLeadingZeros(unscaled < 0 ? ~unscaled : unscaled);
        int length = (bits + 7) / 8;
        writeLong(length);
        ensure(length);
        for (int i = length - 1; i >= 0; i--) {
            buffer[position++] = (byte) (unscaled >> (8 * i));
        }
    }

    void writeChar(char value)
    {
        if (value >= 0x80) {
            writeString(String.valueOf(value));
            return;
        }
        ensure(2);
        // the length 1 as a zig-zag varint, then the character
        buffer[position++] = 2;
        buffer[position++] = (byte) value;
    }

    void writeString(String value)
    {
        // for the library's ASCII text this is one vectorized check and copy, cheaper than a loop over chars
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        writeLong(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buffer, position, utf8.length);
        position += utf8.length;
    }

    private void ensure(int bytes)
    {
        if (position + bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
        }
    }
}
