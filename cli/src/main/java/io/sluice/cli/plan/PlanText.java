package io.sluice.cli.plan;

import java.time.Duration;
import java.util.Locale;

/** Planned figures as the plan's reader wants them. */
public final class PlanText
{
    private PlanText() {}

    /** Seconds for a small dataset, hours and minutes otherwise. */
    public static String duration(Duration duration)
    {
        long seconds = duration.toSeconds();
        return seconds < 120 ? seconds + " s" : String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }

    public static String gigabytes(long bytes)
    {
        return String.format(Locale.ROOT, "%,.1f GB", bytes / 1e9);
    }
}
