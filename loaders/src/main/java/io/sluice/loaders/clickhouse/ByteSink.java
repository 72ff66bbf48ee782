package io.sluice.loaders.clickhouse;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array written in ClickHouse's wire forms: little-endian fixed-width numbers and unsigned
 * LEB128 lengths. Not thread-safe.
 */
final class ByteSink
{
    private byte[] bytes;
    private int size;

    ByteSink(int initialCapacity)
    {
        this.bytes = new byte[initialCapacity];
    }

    int size()
    {
        return size;
    }

    /** Drops what was written after {@code size}: a row that turned out malformed. */
    void truncate(int size)
    {
        this.size = size;
    }

    void writeByte(int value)
    {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void writeZeros(int count)
    {
        ensure(count);
        Arrays.fill(bytes, size, size + count, (byte) 0);
        size += count;
    }

    void writeIntLE(int value)
    {
        ensure(Integer.BYTES);
        for (int i = 0; i < Integer.BYTES; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    void writeLongLE(long value)
    {
        ensure(Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            bytes[size++] = (byte) (value >>> (8 * i));
        }
    }

    void writeVarUInt(long value)
    {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
    }

    /** How many bytes {@link #writeVarUInt} takes for {@code value}. */
    static int varUIntLength(long value)
    {
        int length = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            length++;
        }
        return length;
    }

    /** The {@code length} bytes of {@code source} from absolute index {@code from}. */
    void write(ByteBuffer source, int from, int length)
    {
        ensure(length);
        source.get(from, bytes, size, length);
        size += length;
    }

    /** The {@code length} bytes of {@code source} from {@code from} in reverse order, then {@code fill} up to {@code width}. */
    void writeReversed(ByteBuffer source, int from, int length, int width, byte fill)
    {
        ensure(width);
        for (int i = 0; i < length; i++) {
            bytes[size++] = source.get(from + length - 1 - i);
        }
        for (int i = length; i < width; i++) {
            bytes[size++] = fill;
        }
    }

    InputStream stream()
    {
        return new ByteArrayInputStream(bytes, 0, size);
    }

    private void ensure(int more)
    {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
