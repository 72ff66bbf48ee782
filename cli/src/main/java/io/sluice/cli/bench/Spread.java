package io.sluice.cli.bench;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Median and range of one figure over the measured repetitions. */
public record Spread(double median, double min, double max)
{
    public Spread
    {
        if (min > median || median > max) {
            throw new IllegalArgumentException("need min <= median <= max, got %s, %s, %s".formatted(min, median, max));
        }
    }

    public static <T> Spread of(List<T> samples, ToDoubleFunction<T> figure)
    {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to summarise");
        }
        double[] values = samples.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        double median = values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return new Spread(median, values[0], values[values.length - 1]);
    }

    /** Half the range relative to the median, e.g. 0.05 for ±5%. */
    public double relativeHalfRange()
    {
        return median == 0 ? 0 : (max - min) / 2 / median;
    }
}
