package io.sluice.schema.command;

/**
 * The 1-based, inclusive range of parts {@code first..last} to generate.
 */
public record PartRange(int first, int last)
{
    public PartRange
    {
        if (first < 1 || last < first) {
            throw new IllegalArgumentException("part range must satisfy 1 <= first <= last, got %d..%d".formatted(first, last));
        }
    }
}
