package io.sluice.loaders.clickhouse;

import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import static java.util.Objects.requireNonNull;

/**
 * The rows of one insert as an Avro object container file (ClickHouse's {@code FORMAT Avro}), built from the
 * rows' Avro binary payloads without decoding them: the payload of a single-object row message is exactly
 * the datum a container block holds, so each row is copied once. Not thread-safe; one per open batch.
 */
public final class AvroContainerBatch
{
    // Blocks of ~1 MiB: ClickHouse reads a container block by block, and larger ones only cost memory here.
    private static final int SYNC_INTERVAL = 1 << 20;

    private final Schema schema;
    private final ContainerBuffer buffer = new ContainerBuffer();
    private final DataFileWriter<Object> writer;
    private long rows;
    private long payloadBytes;
    private boolean finished;

    public AvroContainerBatch(Schema schema)
    {
        this.schema = requireNonNull(schema, "schema is null");
        this.writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))
                // uncompressed: the bytes go to a server that is usually near, and ClickHouse's parse is the cost
                .setCodec(CodecFactory.nullCodec())
                .setSyncInterval(SYNC_INTERVAL);
        try {
            writer.create(schema, buffer);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Schema schema()
    {
        return schema;
    }

    /**
     * Appends one row given as its Avro binary payload (the buffer's remaining bytes; its position is not moved).
     */
    public void append(ByteBuffer payload)
    {
        requireNonNull(payload, "payload is null");
        if (finished) {
            throw new IllegalStateException("batch already finished");
        }
        try {
            writer.appendEncoded(payload.duplicate());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        rows++;
        payloadBytes += payload.remaining();
    }

    public long rows()
    {
        return rows;
    }

    /** The rows' bytes held so far, for a memory budget; the container adds a few bytes per block. */
    public long bufferedBytes()
    {
        return payloadBytes;
    }

    /**
     * Closes the container and returns its bytes; later calls return the same bytes.
     */
    public InputStream content()
    {
        if (!finished) {
            try {
                writer.close();
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            finished = true;
        }
        return buffer.stream();
    }

    public long contentBytes()
    {
        return buffer.size();
    }

    // Hands out its array without the copy ByteArrayOutputStream.toByteArray makes.
    private static final class ContainerBuffer
            extends ByteArrayOutputStream
    {
        ContainerBuffer()
        {
            super(64 * 1024);
        }

        synchronized InputStream stream()
        {
            return new ByteArrayInputStream(buf, 0, count);
        }
    }
}
