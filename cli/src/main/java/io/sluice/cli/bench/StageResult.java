package io.sluice.cli.bench;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One stage over the measured repetitions, with the ceiling it is compared to (measured in the same
 * repetitions) and the memory it peaked at.
 *
 * @param ceilingName what the ceiling is, e.g. "generate -> Parquet in S3"; empty for a stage with no ceiling
 * @param ceiling one measure per repetition, as many as {@code measured}, or none
 * @param peakRssBytes the highest resident set size of this process during the stage, over the repetitions
 * @param peakJvmBytes the highest sum of the JVM memory pools' peak use (heap and non-heap) during the stage
 * @param peakLiveHeapBytes the highest heap use right after a garbage collection during the stage (see {@link LiveHeap})
 */
public record StageResult(String name, List<Measure> measured, Optional<String> ceilingName, List<Measure> ceiling, long peakRssBytes, long peakJvmBytes,
        long peakLiveHeapBytes)
{
    public StageResult
    {
        requireNonNull(name, "name is null");
        measured = List.copyOf(measured);
        requireNonNull(ceilingName, "ceilingName is null");
        ceiling = List.copyOf(ceiling);
        if (measured.isEmpty()) {
            throw new IllegalArgumentException("stage " + name + " has no measurement");
        }
        if (ceilingName.isPresent() != !ceiling.isEmpty() || (!ceiling.isEmpty() && ceiling.size() != measured.size())) {
            throw new IllegalArgumentException("stage %s needs a named ceiling measured in every repetition, or none".formatted(name));
        }
    }

    public Spread rowsPerCoreSecond()
    {
        return Spread.of(measured, Measure::rowsPerCoreSecond);
    }

    public Spread megabytesPerCoreSecond()
    {
        return Spread.of(measured, Measure::megabytesPerCoreSecond);
    }

    public Spread rowsPerSecond()
    {
        return Spread.of(measured, Measure::rowsPerSecond);
    }

    public Spread cores()
    {
        return Spread.of(measured, Measure::cores);
    }

    public Optional<Spread> ceilingRowsPerCoreSecond()
    {
        return ceiling.isEmpty() ? Optional.empty() : Optional.of(Spread.of(ceiling, Measure::rowsPerCoreSecond));
    }

    /** The stage's median rows per core-second over its ceiling's. */
    public Optional<Double> ratio()
    {
        return ceilingRowsPerCoreSecond().map(ceilingRate -> rowsPerCoreSecond().median() / ceilingRate.median());
    }

    public long rows()
    {
        return measured.getFirst().rows();
    }
}
