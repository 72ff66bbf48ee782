package io.sluice.generator.plan;

/**
 * Units {@code first .. first + count - 1} (0-based within the table) of one part.
 */
public record UnitRange(long first, long count)
{
    public UnitRange
    {
        if (first < 0 || count < 0) {
            throw new IllegalArgumentException("unit range must not be negative, got first=%d count=%d".formatted(first, count));
        }
    }
}
