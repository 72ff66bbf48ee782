package io.sluice.cli.bench;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What one stage did in one repetition: rows and bytes moved, elapsed time, and the CPU time of the process
 * doing the stage over it (all its threads). Per core = per CPU-second: the rate one fully used core gives.
 *
 * @param bytes the rows' Avro payload bytes (the same measure for every stage, so MB/s compare)
 */
public record Measure(long rows, long bytes, Duration wall, Duration cpu)
{
    public Measure
    {
        if (rows < 0 || bytes < 0) {
            throw new IllegalArgumentException("rows and bytes must be >= 0, got %d and %d".formatted(rows, bytes));
        }
        requireNonNull(wall, "wall is null");
        requireNonNull(cpu, "cpu is null");
    }

    public double rowsPerSecond()
    {
        return rows / seconds(wall);
    }

    public double rowsPerCoreSecond()
    {
        return rows / seconds(cpu);
    }

    public double megabytesPerCoreSecond()
    {
        return bytes / 1e6 / seconds(cpu);
    }

    /** Cores busy on average over the stage: CPU time over elapsed time. */
    public double cores()
    {
        return seconds(cpu) / seconds(wall);
    }

    private static double seconds(Duration duration)
    {
        // a stage too quick for the clock counts as one nanosecond rather than dividing by zero
        return Math.max(duration.toNanos(), 1) / 1e9;
    }
}
