package io.sluice.schema.codec;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

import java.nio.ByteBuffer;
import java.util.HexFormat;

import static io.sluice.schema.codec.UndecodableMessageException.Reason.BAD_MAGIC;
import static io.sluice.schema.codec.UndecodableMessageException.Reason.TRUNCATED;

/**
 * Avro single-object encoding: the marker {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint
 * of the writer schema's parsing canonical form, then the Avro binary encoding of the datum. The same
 * framing as Avro's {@code BinaryMessageEncoder}, so no schema registry is needed: the fingerprint names
 * the schema.
 */
public final class SingleObjectEncoding
{
    public static final int HEADER_LENGTH = 10;

    private static final byte MAGIC_0 = (byte) 0xC3;
    private static final byte MAGIC_1 = (byte) 0x01;

    private SingleObjectEncoding() {}

    public static long fingerprint(Schema schema)
    {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    /**
     * Writes the header for a schema fingerprint into the first {@link #HEADER_LENGTH} bytes of {@code target}.
     */
    public static void writeHeader(long fingerprint, byte[] target)
    {
        writeHeader(MAGIC_0, MAGIC_1, fingerprint, target);
    }

    /**
     * A header of this layout under another two-byte marker; row blocks ({@link RowBlock}) use it.
     */
    static void writeHeader(byte marker0, byte marker1, long fingerprint, byte[] target)
    {
        target[0] = marker0;
        target[1] = marker1;
        for (int i = 0; i < Long.BYTES; i++) {
            target[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
    }

    public static byte[] header(long fingerprint)
    {
        byte[] header = new byte[HEADER_LENGTH];
        writeHeader(fingerprint, header);
        return header;
    }

    /**
     * Checks the header of a message and returns the fingerprint it names.
     *
     * @throws UndecodableMessageException if the message is shorter than a header or lacks the marker
     */
    public static long readFingerprint(byte[] message)
    {
        return readFingerprint(ByteBuffer.wrap(message));
    }

    /**
     * Reads the header at the buffer's position, without moving it.
     */
    public static long readFingerprint(ByteBuffer message)
    {
        int start = message.position();
        int length = message.remaining();
        if (length < HEADER_LENGTH) {
            throw new UndecodableMessageException(TRUNCATED, "message has %d bytes, fewer than the %d-byte single-object header".formatted(length, HEADER_LENGTH));
        }
        if (message.get(start) != MAGIC_0 || message.get(start + 1) != MAGIC_1) {
            throw new UndecodableMessageException(BAD_MAGIC, "message starts with %s, not the Avro single-object marker c301".formatted(
                    HexFormat.of().formatHex(new byte[] {message.get(start), message.get(start + 1)})));
        }
        return fingerprintAt(message, start);
    }

    /**
     * The fingerprint of a header of this layout starting at {@code start}, whatever its marker.
     */
    static long fingerprintAt(ByteBuffer message, int start)
    {
        long fingerprint = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            fingerprint |= (message.get(start + 2 + i) & 0xFFL) << (8 * i);
        }
        return fingerprint;
    }

    /**
     * The fingerprint as written in messages and error texts: 16 hex digits of the unsigned value.
     */
    public static String formatFingerprint(long fingerprint)
    {
        return HexFormat.of().toHexDigits(fingerprint);
    }
}
