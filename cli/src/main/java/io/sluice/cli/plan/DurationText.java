package io.sluice.cli.plan;

import java.time.Duration;
import java.util.Locale;

/** A planned duration as the plan's reader wants it: seconds for a small dataset, hours and minutes otherwise. */
public final class DurationText
{
    private DurationText() {}

    public static String of(Duration duration)
    {
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
