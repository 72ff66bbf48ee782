package io.sluice.generator.rows;

import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.row.RowModel;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * Encodes rows of one table as single-object messages, the same bytes as {@code RowCodec.encode}, and adds
 * each row's canonical bytes to a checksum on the way. Unlike {@code RowCodec} it keeps one buffer and one
 * encoder for all rows, so a row costs one array (the message Kafka needs) instead of three. Not thread-safe.
 */
public final class RowEncoder
{
    private final GenericDatumWriter<Object> writer;
    private final byte[] header;
    private final Buffer buffer = new Buffer();
    private BinaryEncoder encoder;

    public RowEncoder(Schema schema)
    {
        requireNonNull(schema, "schema is null");
        this.writer = new GenericDatumWriter<>(schema, RowModel.create());
        this.header = SingleObjectEncoding.header(SingleObjectEncoding.fingerprint(schema));
    }

    public byte[] encode(GenericRecord row, ChunkChecksum checksum)
    {
        buffer.reset();
        buffer.writeBytes(header);
        encoder = EncoderFactory.get().directBinaryEncoder(buffer, encoder);
        try {
            writer.write(row, encoder);
            encoder.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checksum.add(buffer.bytes(), header.length, buffer.size() - header.length);
        return buffer.toMessage();
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

        byte[] toMessage()
        {
            return Arrays.copyOf(buf, count);
        }
    }
}
