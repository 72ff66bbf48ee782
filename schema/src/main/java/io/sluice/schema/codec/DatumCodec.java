package io.sluice.schema.codec;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import static io.sluice.schema.codec.UndecodableMessageException.Reason.MALFORMED_PAYLOAD;
import static io.sluice.schema.codec.UndecodableMessageException.Reason.TRUNCATED;
import static java.util.Objects.requireNonNull;

/**
 * Encodes and decodes the generic datums of one Avro schema, as single-object messages or as bare Avro
 * binary payloads. Thread-safe: it keeps no buffers between calls.
 */
public final class DatumCodec
{
    private final Schema schema;
    private final long fingerprint;
    private final byte[] header;
    private final GenericDatumWriter<Object> writer;
    private final GenericDatumReader<Object> reader;

    /**
     * @param model the data model, which decides the Java types of values (e.g. with logical type conversions)
     */
    public DatumCodec(Schema schema, GenericData model)
    {
        this.schema = requireNonNull(schema, "schema is null");
        requireNonNull(model, "model is null");
        this.fingerprint = SingleObjectEncoding.fingerprint(schema);
        this.header = SingleObjectEncoding.header(fingerprint);
        this.writer = new GenericDatumWriter<>(schema, model);
        this.reader = new GenericDatumReader<>(schema, schema, model);
    }

    public Schema schema()
    {
        return schema;
    }

    public long fingerprint()
    {
        return fingerprint;
    }

    /**
     * The single-object message: header, then the Avro binary encoding.
     */
    public byte[] encode(Object datum)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.writeBytes(header);
        writePayload(datum, out);
        return out.toByteArray();
    }

    /**
     * The Avro binary encoding alone, without the single-object header.
     */
    public byte[] encodePayload(Object datum)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        writePayload(datum, out);
        return out.toByteArray();
    }

    private void writePayload(Object datum, OutputStream out)
    {
        requireNonNull(datum, "datum is null");
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(datum, encoder);
            encoder.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (RuntimeException e) {
            // Avro reports a value that does not fit the schema as NPE, ClassCastException or AvroRuntimeException.
            throw new IllegalArgumentException("cannot encode a value as %s: %s".formatted(schema.getFullName(), e), e);
        }
    }

    /**
     * Decodes a single-object message, which must carry this codec's schema fingerprint.
     */
    public Object decode(byte[] message)
    {
        long found = SingleObjectEncoding.readFingerprint(message);
        if (found != fingerprint) {
            throw new UndecodableMessageException(UndecodableMessageException.Reason.UNKNOWN_FINGERPRINT,
                    "message has schema fingerprint %s, expected %s (%s)".formatted(
                            SingleObjectEncoding.formatFingerprint(found), SingleObjectEncoding.formatFingerprint(fingerprint), schema.getFullName()));
        }
        return decodePayload(message, SingleObjectEncoding.HEADER_LENGTH, message.length - SingleObjectEncoding.HEADER_LENGTH);
    }

    /**
     * Decodes a bare Avro binary payload that must span exactly {@code length} bytes.
     */
    public Object decodePayload(byte[] data, int offset, int length)
    {
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, offset, length, null);
        Object datum;
        try {
            datum = reader.read(null, decoder);
        }
        catch (EOFException e) {
            throw new UndecodableMessageException(TRUNCATED, "%d-byte payload ends before a complete %s".formatted(length, schema.getFullName()), e);
        }
        catch (IOException | AvroRuntimeException e) {
            throw malformed(length, e);
        }
        catch (RuntimeException e) {
            // Garbage surfaces from Avro's decoder as index or size errors (bad union branch, bad enum symbol, negative length).
            throw malformed(length, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new UndecodableMessageException(MALFORMED_PAYLOAD, "%d-byte payload has bytes left over after a complete %s".formatted(length, schema.getFullName()));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return datum;
    }

    private UndecodableMessageException malformed(int length, Exception e)
    {
        return new UndecodableMessageException(MALFORMED_PAYLOAD, "%d-byte payload is not a valid %s: %s".formatted(length, schema.getFullName(), e), e);
    }
}
