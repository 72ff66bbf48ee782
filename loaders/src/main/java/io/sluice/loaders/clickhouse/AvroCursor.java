package io.sluice.loaders.clickhouse;

import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.codec.UndecodableMessageException.Reason;

import java.nio.ByteBuffer;

/**
 * Reads one Avro binary datum field by field with absolute reads, so the caller's buffer position stays where
 * it is; every read checks it stays inside the datum. Not thread-safe; one per row.
 */
final class AvroCursor
{
    private final ByteBuffer buffer;
    private final int limit;
    private final String table;
    private int position;
    private int field;

    AvroCursor(ByteBuffer buffer, String table)
    {
        this.buffer = buffer;
        this.limit = buffer.limit();
        this.position = buffer.position();
        this.table = table;
    }

    ByteBuffer buffer()
    {
        return buffer;
    }

    /** Names the field being read in errors. */
    void field(int field)
    {
        this.field = field;
    }

    /** An Avro {@code long} (or union branch index): a zig-zag varint of at most 10 bytes. */
    long readLong()
    {
        return zigZag(varint(10));
    }

    /** An Avro {@code int}: a zig-zag varint of at most 5 bytes, in the int range. */
    int readInt()
    {
        long value = zigZag(varint(5));
        if (value != (int) value) {
            throw malformed("field %d has int %d out of range".formatted(field, value));
        }
        return (int) value;
    }

    /** The length of a {@code bytes} or {@code string} value; the cursor is left on its first byte. */
    int readLength()
    {
        long length = readLong();
        if (length < 0 || length > remaining()) {
            throw new UndecodableMessageException(Reason.TRUNCATED, "%s row: field %d has length %d, %d bytes left".formatted(table, field, length, remaining()));
        }
        return (int) length;
    }

    int position()
    {
        return position;
    }

    void skip(int length)
    {
        position += length;
    }

    int remaining()
    {
        return limit - position;
    }

    UndecodableMessageException malformed(String detail)
    {
        return new UndecodableMessageException(Reason.MALFORMED_PAYLOAD, table + " row: " + detail);
    }

    private long varint(int maxBytes)
    {
        long result = 0;
        for (int i = 0; i < maxBytes; i++) {
            if (position >= limit) {
                throw new UndecodableMessageException(Reason.TRUNCATED, "%s row ends inside field %d".formatted(table, field));
            }
            byte b = buffer.get(position++);
            result |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("field %d has a number longer than %d bytes".formatted(field, maxBytes));
    }

    private static long zigZag(long value)
    {
        return (value >>> 1) ^ -(value & 1);
    }
}
