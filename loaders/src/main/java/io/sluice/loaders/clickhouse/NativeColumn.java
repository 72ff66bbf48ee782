package io.sluice.loaders.clickhouse;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

import java.io.InputStream;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One column of a {@link NativeBlock}: reads its field from each row's Avro encoding and appends it in
 * ClickHouse's Native column form — {@code Int64}/{@code Int32}/{@code Date32} little-endian, {@code Decimal}
 * as the little-endian unscaled value of its width (4, 8 or 16 bytes by precision), {@code String} as LEB128
 * length and bytes, and for {@code Nullable} a null map (one byte per row, 1 for null) before the values (a
 * null holds the type's zero). Not thread-safe.
 */
final class NativeColumn
{
    private static final int INITIAL_BYTES = 64 * 1024;

    private enum Kind { LONG, INT, DECIMAL, STRING }

    private final String name;
    private final String type;
    private final Kind kind;
    private final int width;
    private final ByteSink values;
    private final ByteSink nulls;
    private int markedValues;
    private int markedNulls;

    NativeColumn(Schema.Field field)
    {
        requireNonNull(field, "field is null");
        this.name = field.name();
        // the plain type: ClickHouse converts a block's column to the table's LowCardinality on insert
        this.type = ColumnTypes.of(field, false);
        Schema schema = field.schema();
        boolean nullable = schema.isUnion();
        if (nullable) {
            if (schema.getTypes().size() != 2 || schema.getTypes().getFirst().getType() != Schema.Type.NULL) {
                throw new IllegalArgumentException("field %s is a union other than [null, T]".formatted(field.name()));
            }
            schema = schema.getTypes().get(1);
        }
        this.kind = switch (schema.getType()) {
            case LONG -> Kind.LONG;
            case INT -> Kind.INT;
            case BYTES -> Kind.DECIMAL;
            case STRING -> Kind.STRING;
            default -> throw new IllegalArgumentException("field %s has Avro type %s, which table schemas do not use".formatted(field.name(), schema.getType()));
        };
        this.width = switch (kind) {
            case LONG -> Long.BYTES;
            case INT -> Integer.BYTES;
            case DECIMAL -> decimalWidth(field, schema);
            case STRING -> 0;
        };
        this.values = new ByteSink(INITIAL_BYTES);
        this.nulls = nullable ? new ByteSink(INITIAL_BYTES) : null;
    }

    /** Reads this column's field of the row at the cursor and appends it. */
    void read(AvroCursor row)
    {
        if (nulls != null) {
            long branch = row.readLong();
            if (branch == 0) {
                nulls.writeByte(1);
                writeZero();
                return;
            }
            if (branch != 1) {
                throw row.malformed("field %s has union branch %d of 2".formatted(name, branch));
            }
            nulls.writeByte(0);
        }
        switch (kind) {
            case LONG -> values.writeLongLE(row.readLong());
            case INT -> values.writeIntLE(row.readInt());
            case STRING -> {
                int length = row.readLength();
                values.writeVarUInt(length);
                values.write(row.buffer(), row.position(), length);
                row.skip(length);
            }
            case DECIMAL -> {
                // Avro: the minimal big-endian two's complement of the unscaled value
                int length = row.readLength();
                if (length > width) {
                    throw row.malformed("field %s has a %d-byte decimal, more than Decimal's %d".formatted(name, length, width));
                }
                byte sign = length == 0 ? 0 : (byte) (row.buffer().get(row.position()) >> 7);
                values.writeReversed(row.buffer(), row.position(), length, width, sign);
                row.skip(length);
            }
        }
    }

    private void writeZero()
    {
        if (kind == Kind.STRING) {
            values.writeVarUInt(0);
        }
        else {
            values.writeZeros(width);
        }
    }

    void mark()
    {
        markedValues = values.size();
        markedNulls = nulls == null ? 0 : nulls.size();
    }

    void reset()
    {
        values.truncate(markedValues);
        if (nulls != null) {
            nulls.truncate(markedNulls);
        }
    }

    /** Name, type and data, in block order. */
    void addTo(List<InputStream> parts)
    {
        ByteSink heading = new ByteSink(64);
        writeString(heading, name);
        writeString(heading, type);
        parts.add(heading.stream());
        if (nulls != null) {
            parts.add(nulls.stream());
        }
        parts.add(values.stream());
    }

    /** What {@link #addTo} adds, in bytes. */
    long bytes()
    {
        return stringBytes(name) + stringBytes(type) + values.size() + (nulls == null ? 0 : nulls.size());
    }

    private static int stringBytes(String ascii)
    {
        return ByteSink.varUIntLength(ascii.length()) + ascii.length();
    }

    static void writeString(ByteSink sink, String ascii)
    {
        sink.writeVarUInt(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            sink.writeByte(ascii.charAt(i));
        }
    }

    private static int decimalWidth(Schema.Field field, Schema schema)
    {
        if (!(schema.getLogicalType() instanceof LogicalTypes.Decimal decimal)) {
            throw new IllegalArgumentException("field %s is Avro bytes without the decimal logical type".formatted(field.name()));
        }
        // ClickHouse stores Decimal(P, S) as Decimal32 up to P 9, Decimal64 up to 18, Decimal128 up to 38
        int precision = decimal.getPrecision();
        if (precision > 38) {
            throw new IllegalArgumentException("field %s has decimal precision %d; the ClickHouse loader maps up to 38".formatted(field.name(), precision));
        }
        return precision <= 9 ? 4 : precision <= 18 ? 8 : 16;
    }
}
