package io.sluice.schema.settings;

import static java.util.Objects.requireNonNull;

/**
 * Checks shared by the settings records; each error names the setting (its environment variable).
 */
public final class SettingChecks
{
    private SettingChecks() {}

    /**
     * Fails with {@code NAME is blank} unless {@code value} holds text.
     */
    public static String requireText(String value, String name)
    {
        requireNonNull(value, name + " is null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " is blank");
        }
        return value;
    }

    /**
     * Fails with {@code NAME must be >= min, got value} when {@code value} is below {@code min}.
     */
    public static void checkAtLeast(String name, long value, long min)
    {
        if (value < min) {
            throw new IllegalArgumentException("%s must be >= %d, got %d".formatted(name, min, value));
        }
    }
}
