package io.sluice.schema.checksum;

import net.jpountz.xxhash.XXHash64;
import net.jpountz.xxhash.XXHashFactory;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Xxh64Test
{
    private static final XXHash64 REFERENCE = XXHashFactory.safeInstance().hash64();

    @Test
    void equalsTheReferenceForEveryLengthAndAlignment()
    {
        SplittableRandom random = new SplittableRandom(42);
        byte[] input = new byte[1_100];
        random.nextBytes(input);
        for (int length = 0; length <= 1_024; length++) {
            for (int offset : new int[] {0, 1, 3, 7, 13, 1_100 - length - 1}) {
                long seed = length % 3 == 0 ? 0 : random.nextLong();
                assertThat(Xxh64.hash(input, offset, length, seed)).as("length %d offset %d", length, offset)
                        .isEqualTo(REFERENCE.hash(input, offset, length, seed));
            }
        }
    }

    @Test
    void emptyInputHasTheSpecificationsValue()
    {
        assertThat(Xxh64.hash(new byte[0], 0, 0, 0)).isEqualTo(0xEF46DB3751D8E999L);
    }

    @Test
    void rangeOutsideTheArrayIsRefused()
    {
        assertThatThrownBy(() -> Xxh64.hash(new byte[8], 4, 5, 0)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
