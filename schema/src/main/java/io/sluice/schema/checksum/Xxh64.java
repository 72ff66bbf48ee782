package io.sluice.schema.checksum;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import static java.util.Objects.checkFromIndexSize;

/**
 * XXH64 (the xxHash reference algorithm, 64-bit), reading the input eight bytes at a time through a
 * {@link VarHandle}: lz4-java's pure-Java hash assembles every long from single bytes, which made the checksum
 * a quarter of the generator's encoding time, and its faster variants need {@code sun.misc.Unsafe} or JNI, which
 * JDK 25 warns about.
 */
final class Xxh64
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;
    private static final long PRIME_4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME_5 = 0x27D4EB2F165667C5L;

    private Xxh64() {}

    static long hash(byte[] input, int offset, int length, long seed)
    {
        checkFromIndexSize(offset, length, input.length);
        int position = offset;
        int end = offset + length;
        long hash;
        if (length >= 32) {
            long v1 = seed + PRIME_1 + PRIME_2;
            long v2 = seed + PRIME_2;
            long v3 = seed;
            long v4 = seed - PRIME_1;
            int limit = end - 32;
            do {
                v1 = round(v1, (long) LONGS.get(input, position));
                v2 = round(v2, (long) LONGS.get(input, position + 8));
                v3 = round(v3, (long) LONGS.get(input, position + 16));
                v4 = round(v4, (long) LONGS.get(input, position + 24));
                position += 32;
            }
            while (position <= limit);
            hash = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            hash = mergeRound(hash, v1);
            hash = mergeRound(hash, v2);
            hash = mergeRound(hash, v3);
            hash = mergeRound(hash, v4);
        }
        else {
            hash = seed + PRIME_5;
        }
        hash += length;
        while (position <= end - 8) {
            hash ^= round(0, (long) LONGS.get(input, position));
            hash = Long.rotateLeft(hash, 27) * PRIME_1 + PRIME_4;
            position += 8;
        }
        if (position <= end - 4) {
            hash ^= ((int) INTS.get(input, position) & 0xFFFF_FFFFL) * PRIME_1;
            hash = Long.rotateLeft(hash, 23) * PRIME_2 + PRIME_3;
            position += 4;
        }
        while (position < end) {
            hash ^= (input[position] & 0xFFL) * PRIME_5;
            hash = Long.rotateLeft(hash, 11) * PRIME_1;
            position++;
        }
        hash ^= hash >>> 33;
        hash *= PRIME_2;
        hash ^= hash >>> 29;
        hash *= PRIME_3;
        hash ^= hash >>> 32;
        return hash;
    }

    private static long round(long accumulator, long input)
    {
        return Long.rotateLeft(accumulator + input * PRIME_2, 31) * PRIME_1;
    }

    private static long mergeRound(long hash, long value)
    {
        return (hash ^ round(0, value)) * PRIME_1 + PRIME_4;
    }
}
