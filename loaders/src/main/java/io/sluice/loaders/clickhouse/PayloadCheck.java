package io.sluice.loaders.clickhouse;

import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.codec.UndecodableMessageException.Reason;
import org.apache.avro.Schema;

import java.nio.ByteBuffer;

import static java.util.Objects.requireNonNull;

/**
 * Checks that a row payload is one well-formed Avro datum of a table schema by walking its encoding — varint
 * numbers, length-prefixed text and bytes, union branches in range, nothing left over — without building a
 * value. Rows go into the insert undecoded, and ClickHouse refuses a whole insert for one bad row; this
 * keeps such a row out of the batch for a fraction of a decode. Values are not checked (e.g. text as UTF-8).
 * Thread-safe.
 */
public final class PayloadCheck
{
    private static final int LONG = 0;
    private static final int INT = 1;
    private static final int LENGTH_PREFIXED = 2;
    private static final int NULLABLE = 0x10;

    private final String table;
    private final int[] fields;

    public PayloadCheck(Schema table)
    {
        requireNonNull(table, "table is null");
        this.table = table.getFullName();
        this.fields = table.getFields().stream().mapToInt(PayloadCheck::kind).toArray();
    }

    /**
     * @throws UndecodableMessageException if the buffer's remaining bytes are not one datum of the schema
     */
    public void check(ByteBuffer payload)
    {
        Cursor cursor = new Cursor(payload);
        for (int field = 0; field < fields.length; field++) {
            int kind = fields[field];
            if ((kind & NULLABLE) != 0) {
                long branch = zigZag(cursor.varint(5, field));
                if (branch == 0) {
                    continue;
                }
                if (branch != 1) {
                    throw malformed("field %d has union branch %d of 2".formatted(field, branch));
                }
            }
            int type = kind & ~NULLABLE;
            long value = cursor.varint(type == INT ? 5 : 10, field);
            if (type == LENGTH_PREFIXED) {
                cursor.skip(zigZag(value), field);
            }
        }
        if (cursor.remaining() != 0) {
            throw malformed("%d bytes left over after the last field".formatted(cursor.remaining()));
        }
    }

    // Absolute reads: the caller's buffer position stays where it is. Short-lived, so the JIT keeps it off the heap.
    private final class Cursor
    {
        private final ByteBuffer buffer;
        private final int limit;
        private int position;

        Cursor(ByteBuffer buffer)
        {
            this.buffer = buffer;
            this.limit = buffer.limit();
            this.position = buffer.position();
        }

        long varint(int maxBytes, int field)
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

        void skip(long length, int field)
        {
            if (length < 0 || length > remaining()) {
                throw new UndecodableMessageException(Reason.TRUNCATED, "%s row: field %d has length %d, %d bytes left".formatted(table, field, length, remaining()));
            }
            position += (int) length;
        }

        int remaining()
        {
            return limit - position;
        }
    }

    private static long zigZag(long value)
    {
        return (value >>> 1) ^ -(value & 1);
    }

    private UndecodableMessageException malformed(String detail)
    {
        return new UndecodableMessageException(Reason.MALFORMED_PAYLOAD, table + " row: " + detail);
    }

    private static int kind(Schema.Field field)
    {
        Schema schema = field.schema();
        int nullable = 0;
        if (schema.isUnion()) {
            if (schema.getTypes().size() != 2 || schema.getTypes().getFirst().getType() != Schema.Type.NULL) {
                throw new IllegalArgumentException("field %s is a union other than [null, T]".formatted(field.name()));
            }
            schema = schema.getTypes().get(1);
            nullable = NULLABLE;
        }
        return nullable | switch (schema.getType()) {
            case LONG -> LONG;
            case INT -> INT;
            case STRING, BYTES -> LENGTH_PREFIXED;
            default -> throw new IllegalArgumentException("field %s has Avro type %s, which table schemas do not use".formatted(field.name(), schema.getType()));
        };
    }
}
