package io.sluice.schema.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static io.sluice.schema.codec.UndecodableMessageException.Reason.BAD_MAGIC;
import static io.sluice.schema.codec.UndecodableMessageException.Reason.TRUNCATED;
import static java.util.Objects.requireNonNull;

/**
 * The value of a record on a row topic: either one row as an Avro single-object message, or a block of rows
 * of one schema, which the generator writes so that Kafka's per-record cost is paid once per block instead of
 * once per row:
 *
 * <pre>
 * 53 42 | 8 bytes: the schema fingerprint, little-endian, as in the single-object header | per row: its payload length as an unsigned varint, its payload
 * </pre>
 *
 * A row's payload is its canonical bytes, exactly what follows the header in its single-object message.
 */
public final class RowBlock
{
    public static final int HEADER_LENGTH = SingleObjectEncoding.HEADER_LENGTH;

    private static final byte MAGIC_0 = 0x53;
    private static final byte MAGIC_1 = 0x42;
    private static final int MAX_VARINT_BYTES = 5;

    private RowBlock() {}

    /**
     * The rows of a row record's value, a block or a single-object message, each payload a slice of
     * {@code value} (so a decoder can read its backing array). The framing of every row is checked before this
     * returns, so a bad value is refused whole.
     *
     * @throws UndecodableMessageException {@code TRUNCATED} if the value is shorter than a header or a row's
     * length runs past its end, {@code BAD_MAGIC} if it is neither a block nor a single-object message
     */
    public static Rows read(byte[] value)
    {
        requireNonNull(value, "value is null");
        if (value.length >= 2 && value[0] == MAGIC_0 && value[1] == MAGIC_1) {
            return readBlock(value);
        }
        long fingerprint;
        try {
            fingerprint = SingleObjectEncoding.readFingerprint(value);
        }
        catch (UndecodableMessageException e) {
            if (e.reason() != BAD_MAGIC) {
                throw e;
            }
            throw new UndecodableMessageException(BAD_MAGIC, "value starts with %s, neither the row block marker 5342 nor the Avro single-object marker c301".formatted(
                    HexFormat.of().formatHex(value, 0, 2)));
        }
        return new Rows(fingerprint, List.of(ByteBuffer.wrap(value, HEADER_LENGTH, value.length - HEADER_LENGTH).slice()));
    }

    private static Rows readBlock(byte[] value)
    {
        if (value.length < HEADER_LENGTH) {
            throw new UndecodableMessageException(TRUNCATED, "row block has %d bytes, fewer than its %d-byte header".formatted(value.length, HEADER_LENGTH));
        }
        long fingerprint = SingleObjectEncoding.fingerprintAt(ByteBuffer.wrap(value), 0);
        List<ByteBuffer> payloads = new ArrayList<>();
        int position = HEADER_LENGTH;
        while (position < value.length) {
            long length = 0;
            int shift = 0;
            int b;
            do {
                if (position == value.length || shift == 7 * MAX_VARINT_BYTES) {
                    throw new UndecodableMessageException(TRUNCATED, "row %d of the row block has no complete length at byte %d".formatted(payloads.size() + 1, position));
                }
                b = value[position++];
                length |= (long) (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            if (length > value.length - position) {
                throw new UndecodableMessageException(TRUNCATED, "row %d of the row block claims %d bytes, %d are left".formatted(payloads.size() + 1, length, value.length - position));
            }
            payloads.add(ByteBuffer.wrap(value, position, (int) length).slice());
            position += (int) length;
        }
        return new Rows(fingerprint, payloads);
    }

    /**
     * @param fingerprint the schema fingerprint the value names
     * @param payloads each row's canonical bytes, in order
     */
    public record Rows(long fingerprint, List<ByteBuffer> payloads)
    {
        public Rows
        {
            payloads = List.copyOf(payloads);
        }
    }

    /**
     * Builds blocks of one schema, one after the other, reusing its buffer. Not thread-safe.
     */
    public static final class Writer
    {
        private byte[] buffer;
        private int position = HEADER_LENGTH;
        private int rows;

        public Writer(long fingerprint, int initialCapacity)
        {
            if (initialCapacity < HEADER_LENGTH) {
                throw new IllegalArgumentException("initialCapacity must be at least %d, got %d".formatted(HEADER_LENGTH, initialCapacity));
            }
            buffer = new byte[initialCapacity];
            SingleObjectEncoding.writeHeader(MAGIC_0, MAGIC_1, fingerprint, buffer);
        }

        /**
         * Appends a row given as its payload: the buffer's remaining bytes, whose position is not moved.
         */
        public void add(ByteBuffer payload)
        {
            int length = payload.remaining();
            ensure(MAX_VARINT_BYTES + length);
            int value = length;
            while ((value & ~0x7F) != 0) {
                buffer[position++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            buffer[position++] = (byte) value;
            payload.get(payload.position(), buffer, position, length);
            position += length;
            rows++;
        }

        public int rows()
        {
            return rows;
        }

        /**
         * Bytes of the block so far, header included.
         */
        public int size()
        {
            return position;
        }

        /**
         * The block's bytes; the writer is then empty again, for the next block.
         */
        public byte[] finish()
        {
            byte[] block = Arrays.copyOf(buffer, position);
            position = HEADER_LENGTH;
            rows = 0;
            return block;
        }

        private void ensure(int bytes)
        {
            if (position + bytes > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + bytes));
            }
        }
    }
}
