package io.sluice.schema.checksum;

import io.sluice.schema.row.RowCodec;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The checksum of a set of rows: the sum, modulo 2^64, of XXH64 (seed 0) of each row's canonical bytes,
 * which are the row's Avro binary encoding with its table schema (the single-object payload, without
 * the 10-byte header). A sum makes it independent of row order, so every sink can recompute it from
 * what it landed in any order; a duplicated or missing row changes it. It also counts the rows.
 *
 * <p>Not thread-safe: one accumulator per chunk being checked.
 */
public final class ChunkChecksum
{
    private static final long SEED = 0;

    private final Map<Schema, RowCodec> codecs = new IdentityHashMap<>();
    private byte[] scratch = new byte[0];
    private long sum;
    private long rows;

    /**
     * Adds one row given as its canonical bytes.
     */
    public ChunkChecksum add(byte[] canonicalBytes)
    {
        return add(canonicalBytes, 0, canonicalBytes.length);
    }

    public ChunkChecksum add(byte[] buffer, int offset, int length)
    {
        sum += Xxh64.hash(buffer, offset, length, SEED);
        rows++;
        return this;
    }

    /**
     * Adds one row given as its canonical bytes: the buffer's remaining bytes, whose position is not moved.
     */
    public ChunkChecksum add(ByteBuffer canonicalBytes)
    {
        int length = canonicalBytes.remaining();
        if (canonicalBytes.hasArray()) {
            return add(canonicalBytes.array(), canonicalBytes.arrayOffset() + canonicalBytes.position(), length);
        }
        if (scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * scratch.length)];
        }
        canonicalBytes.get(canonicalBytes.position(), scratch, 0, length);
        return add(scratch, 0, length);
    }

    /**
     * Adds one row given as a record of its table schema, encoding it to its canonical bytes.
     */
    public ChunkChecksum add(GenericRecord row)
    {
        RowCodec codec = codecs.computeIfAbsent(row.getSchema(), RowCodec::new);
        return add(codec.encodePayload(row));
    }

    /**
     * Adds the rows of another checksum, as if they had been added here: the checksum of a table is the
     * combination of its chunks' checksums.
     */
    public ChunkChecksum combine(ChunkChecksum other)
    {
        requireNonNull(other, "other is null");
        return combine(other.sum, other.rows);
    }

    /**
     * Adds the rows of a checksum known by its value and row count (e.g. from a {@code ChunkLanded} event).
     */
    public ChunkChecksum combine(long value, long rowCount)
    {
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount must be >= 0, got " + rowCount);
        }
        sum += value;
        rows += rowCount;
        return this;
    }

    public long value()
    {
        return sum;
    }

    public long rows()
    {
        return rows;
    }

    @Override
    public String toString()
    {
        return "ChunkChecksum{value=%016x, rows=%d}".formatted(sum, rows);
    }
}
