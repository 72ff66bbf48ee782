package io.sluice.queryrunner.report;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * A logarithmic scale over whole decades, so 5 ms and 30 s (or a ratio of 0.5 and one of 3) share one chart
 * and its grid lines fall on round numbers.
 *
 * @param low a power of ten, the lowest value the scale shows
 * @param high a power of ten above {@code low}, the highest
 */
record LogScale(double low, double high)
{
    LogScale
    {
        if (!(low > 0) || !(high > low)) {
            throw new IllegalArgumentException("a log scale needs 0 < low < high: %s, %s".formatted(low, high));
        }
    }

    /**
     * The decades covering every value, at least one. Values below {@code floor} count as {@code floor} (a
     * 0 ms query sits on the lowest line); without values the scale is {@code floor} to ten times it.
     */
    static LogScale covering(DoubleStream values, double floor)
    {
        if (!(floor > 0)) {
            throw new IllegalArgumentException("floor must be positive: " + floor);
        }
        double[] clamped = values.map(value -> Math.max(value, floor)).toArray();
        double min = DoubleStream.of(clamped).min().orElse(floor);
        double max = DoubleStream.of(clamped).max().orElse(floor);
        double low = Math.pow(10, Math.floor(Math.log10(min)));
        double high = Math.max(low * 10, Math.pow(10, Math.ceil(Math.log10(max))));
        return new LogScale(low, high);
    }

    /**
     * Where the value lies, from 0 at {@code low} to 1 at {@code high}; values outside are clamped.
     */
    double share(double value)
    {
        double clamped = Math.clamp(value, low, high);
        return (Math.log10(clamped) - Math.log10(low)) / (Math.log10(high) - Math.log10(low));
    }

    /**
     * Every power of ten from {@code low} to {@code high}.
     */
    List<Double> decades()
    {
        List<Double> decades = new ArrayList<>();
        long first = Math.round(Math.log10(low));
        long last = Math.round(Math.log10(high));
        for (long exponent = first; exponent <= last; exponent++) {
            decades.add(Math.pow(10, exponent));
        }
        return decades;
    }
}
