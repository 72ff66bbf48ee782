package io.sluice.schema.row;

import io.sluice.schema.codec.DatumCodec;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.table.TableSchemas;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

import java.nio.ByteBuffer;

import static java.util.Objects.requireNonNull;

/**
 * Single-object encoding of the rows of one table, values as in {@link RowModel}. Thread-safe.
 */
public final class RowCodec
{
    private final DatumCodec codec;

    public RowCodec(Schema schema)
    {
        this.codec = new DatumCodec(requireNonNull(schema, "schema is null"), RowModel.create());
    }

    public static RowCodec forTable(Benchmark benchmark, String table)
    {
        return new RowCodec(TableSchemas.schema(benchmark, table));
    }

    public Schema schema()
    {
        return codec.schema();
    }

    public long fingerprint()
    {
        return codec.fingerprint();
    }

    public byte[] encode(GenericRecord row)
    {
        return codec.encode(row);
    }

    /**
     * The row's canonical bytes: its Avro binary encoding, without the single-object header.
     */
    public byte[] encodePayload(GenericRecord row)
    {
        return codec.encodePayload(row);
    }

    /**
     * @throws io.sluice.schema.codec.UndecodableMessageException if the bytes are not a row of this table
     */
    public GenericRecord decode(byte[] message)
    {
        return (GenericRecord) codec.decode(requireNonNull(message, "message is null"));
    }

    /**
     * The payload of a single-object message (its canonical bytes) as a read-only view, without copying.
     */
    public static ByteBuffer payload(byte[] message)
    {
        SingleObjectEncoding.readFingerprint(message);
        return ByteBuffer.wrap(message, SingleObjectEncoding.HEADER_LENGTH, message.length - SingleObjectEncoding.HEADER_LENGTH)
                .slice()
                .asReadOnlyBuffer();
    }
}
