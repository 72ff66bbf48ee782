package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One {@code sluice bench} run: each stage against its ceiling, the end-to-end times, and the machine.
 *
 * @param endToEnd trigger to both {@code DatasetReady} events, one per measured repetition
 * @param rssPeakPerStage whether the RSS peaks were reset per stage (see {@link MemoryProbe})
 */
public record BenchReport(
        String dataset,
        int repetitions,
        int warmup,
        Instant startedAt,
        Machine machine,
        List<StageResult> stages,
        List<Duration> endToEnd,
        boolean rssPeakPerStage)
{
    public BenchReport
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(startedAt, "startedAt is null");
        requireNonNull(machine, "machine is null");
        stages = List.copyOf(stages);
        endToEnd = List.copyOf(endToEnd);
        if (endToEnd.isEmpty()) {
            throw new IllegalArgumentException("a bench report needs at least one end-to-end time");
        }
    }

    public Spread endToEndSeconds()
    {
        return Spread.of(endToEnd, duration -> duration.toMillis() / 1000.0);
    }

    public Optional<StageResult> stage(String name)
    {
        return stages.stream().filter(stage -> stage.name().equals(name)).findFirst();
    }

    public ObjectNode toJson(ObjectMapper mapper)
    {
        ObjectNode root = mapper.createObjectNode();
        root.put("dataset", dataset);
        root.put("startedAt", startedAt.toString());
        root.put("repetitions", repetitions);
        root.put("warmup", warmup);
        root.put("endToEndSeconds", endToEndSeconds().median());
        root.set("endToEndSecondsRange", range(mapper, endToEndSeconds()));
        root.put("rssPeakPerStage", rssPeakPerStage);
        root.set("machine", mapper.valueToTree(machine));
        ArrayNode items = root.putArray("stages");
        for (StageResult stage : stages) {
            ObjectNode item = items.addObject();
            item.put("name", stage.name());
            item.put("rows", stage.rows());
            item.put("rowsPerSecPerCore", stage.rowsPerCoreSecond().median());
            item.set("rowsPerSecPerCoreRange", range(mapper, stage.rowsPerCoreSecond()));
            item.put("mbPerSecPerCore", stage.megabytesPerCoreSecond().median());
            item.put("rowsPerSec", stage.rowsPerSecond().median());
            item.put("cores", stage.cores().median());
            item.put("ceiling", stage.ceilingName().orElse(null));
            stage.ceilingRowsPerCoreSecond().ifPresentOrElse(
                    ceiling -> item.put("ceilingRowsPerSecPerCore", ceiling.median()),
                    () -> item.putNull("ceilingRowsPerSecPerCore"));
            stage.ratio().ifPresentOrElse(ratio -> item.put("ratio", ratio), () -> item.putNull("ratio"));
            item.put("peakRssBytes", stage.peakRssBytes());
            item.put("peakJvmBytes", stage.peakJvmBytes());
            item.put("peakLiveHeapBytes", stage.peakLiveHeapBytes());
        }
        return root;
    }

    /** The human table: one line per stage, medians with their range, ratio to the ceiling. */
    public String table()
    {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%s, %d repetitions after %d warm-up, %s, %d cores, load average %.1f -> %.1f, JVM options %s%n",
                dataset, repetitions, warmup, startedAt, machine.cores(), machine.loadAverageAtStart(), machine.loadAverageAtEnd(),
                machine.jvmOptions().isEmpty() ? "none" : String.join(" ", machine.jvmOptions())));
        text.append(String.format(Locale.ROOT, "%-18s %12s %18s %10s %15s %7s %10s %10s%n",
                "stage", "rows", "rows/s per core", "MB/s/core", "ceiling/core", "ratio", "peak RSS", "live heap"));
        for (StageResult stage : stages) {
            Spread rate = stage.rowsPerCoreSecond();
            text.append(String.format(Locale.ROOT, "%-18s %,12d %,11.0f ±%4.0f%% %10.1f %15s %7s %7.0f MB %7.0f MB%n",
                    stage.name(), stage.rows(), rate.median(), 100 * rate.relativeHalfRange(), stage.megabytesPerCoreSecond().median(),
                    stage.ceilingRowsPerCoreSecond().map(ceiling -> String.format(Locale.ROOT, "%,.0f", ceiling.median())).orElse("-"),
                    stage.ratio().map(ratio -> String.format(Locale.ROOT, "%.2f", ratio)).orElse("-"),
                    stage.peakRssBytes() / 1e6, stage.peakLiveHeapBytes() / 1e6));
        }
        Spread endToEndSeconds = endToEndSeconds();
        text.append(String.format(Locale.ROOT, "end to end (trigger -> both DatasetReady): %.1f s (%.1f-%.1f)%n",
                endToEndSeconds.median(), endToEndSeconds.min(), endToEndSeconds.max()));
        stages.stream().flatMap(stage -> stage.ceilingName().map(ceiling -> stage.name() + " vs " + ceiling).stream())
                .forEach(line -> text.append("  ceiling of ").append(line).append(System.lineSeparator()));
        return text.toString();
    }

    private static ObjectNode range(ObjectMapper mapper, Spread spread)
    {
        ObjectNode node = mapper.createObjectNode();
        node.put("min", spread.min());
        node.put("max", spread.max());
        return node;
    }
}
