package io.sluice.generator.rows;

import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.row.RowModel;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import static java.util.Objects.requireNonNull;

/**
 * Encodes rows of one table to their canonical bytes (single-object payloads), the same bytes as
 * {@code RowCodec.encodePayload}, and adds them to a checksum on the way. Unlike {@code RowCodec} it keeps one
 * buffer and one encoder for all rows, so a row costs no array of its own. Not thread-safe.
 */
public final class RowEncoder
{
    private final GenericDatumWriter<Object> writer;
    private final Buffer buffer = new Buffer();
    private BinaryEncoder encoder;

    public RowEncoder(Schema schema)
    {
        requireNonNull(schema, "schema is null");
        this.writer = new GenericDatumWriter<>(schema, RowModel.create());
    }

    /**
     * @return the row's payload, in a buffer the next call reuses
     */
    public ByteBuffer encode(GenericRecord row, ChunkChecksum checksum)
    {
        buffer.reset();
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(row, encoder);
            encoder.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checksum.add(buffer.bytes(), 0, buffer.size());
        return ByteBuffer.wrap(buffer.bytes(), 0, buffer.size());
    }

    private static final class Buffer
            extends ByteArrayOutputStream
    {
        Buffer()
        {
            super(256);
        }

        byte[] bytes()
        {
            return buf;
        }
    }
}
