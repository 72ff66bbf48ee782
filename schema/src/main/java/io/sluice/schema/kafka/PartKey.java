package io.sluice.schema.kafka;

import static java.util.Objects.requireNonNull;

/**
 * The key of row-topic records (rows and end-of-chunk markers): the 1-based part number as a 4-byte
 * big-endian int, which is what Kafka's {@code IntegerSerializer} writes.
 */
public final class PartKey
{
    public static final int LENGTH = Integer.BYTES;

    private PartKey() {}

    public static byte[] encode(int part)
    {
        if (part < 1) {
            throw new IllegalArgumentException("part must be >= 1, got " + part);
        }
        return new byte[] {(byte) (part >>> 24), (byte) (part >>> 16), (byte) (part >>> 8), (byte) part};
    }

    public static int decode(byte[] key)
    {
        requireNonNull(key, "key is null");
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("row key must be %d bytes (the part number), got %d".formatted(LENGTH, key.length));
        }
        int part = ((key[0] & 0xFF) << 24) | ((key[1] & 0xFF) << 16) | ((key[2] & 0xFF) << 8) | (key[3] & 0xFF);
        if (part < 1) {
            throw new IllegalArgumentException("row key holds part %d, parts are numbered from 1".formatted(part));
        }
        return part;
    }
}
