package io.sluice.schema;

import static java.util.Objects.requireNonNull;

/**
 * Argument checks shared by the message and settings records, each failing with a message that names the argument
 * (for settings, its environment variable).
 */
public final class Arguments
{
    private Arguments() {}

    public static String requireText(String value, String name)
    {
        requireNonNull(value, name + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    public static long requireNonNegative(long value, String name)
    {
        return requireAtLeast(value, 0, name);
    }

    public static long requireAtLeast(long value, long min, String name)
    {
        if (value < min) {
            throw new IllegalArgumentException("%s must be >= %d, got %d".formatted(name, min, value));
        }
        return value;
    }

    /**
     * Checks a 1-based index into {@code count} items, e.g. part 3 of 8.
     */
    public static void checkIndex(int index, int count, String indexName, String countName)
    {
        if (count < 1) {
            throw new IllegalArgumentException("%s must be >= 1, got %d".formatted(countName, count));
        }
        if (index < 1 || index > count) {
            throw new IllegalArgumentException("%s must be between 1 and %s (%d), got %d".formatted(indexName, countName, count, index));
        }
    }
}
