package io.sluice.schema;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A timeout or interval as a message's reader wants it: {@code 500 ms}, {@code 90 s}, {@code 5 min}, {@code 2 h}.
 * Settings are given in milliseconds and plans in {@code 90s}/{@code 5m}, so the ISO form {@code PT5M} that
 * {@link Duration#toString()} prints would be the one spelling the user never wrote. The largest unit that
 * divides the duration is used, and small values stay in the smaller unit (90 s, not 1.5 min).
 */
public final class DurationText
{
    private static final long UNIT_CHANGE = 120;

    private DurationText() {}

    public static String of(Duration duration)
    {
        requireNonNull(duration, "duration is null");
        if (duration.isNegative()) {
            return "-" + of(duration.negated());
        }
        long millis = duration.toMillis();
        if (millis < 1000 || millis % 1000 != 0) {
            return millis + " ms";
        }
        long seconds = millis / 1000;
        if (seconds < UNIT_CHANGE || seconds % 60 != 0) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < UNIT_CHANGE || minutes % 60 != 0) {
            return minutes + " min";
        }
        return minutes / 60 + " h";
    }
}
