package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The memory figures of one {@code sluice bench} run, as read back from its JSON: what a run at another scale
 * factor, in a JVM of its own, is compared to.
 */
public record RunMemory(String dataset, List<RunMemory.Stage> stages)
{
    public record Stage(String name, long peakRssBytes, long peakLiveHeapBytes)
    {
        public Stage
        {
            requireNonNull(name, "name is null");
        }
    }

    public RunMemory
    {
        requireNonNull(dataset, "dataset is null");
        stages = List.copyOf(stages);
    }

    /** Reads the object {@link BenchReport#toJson} wrote; a report without the memory figures is refused. */
    public static RunMemory fromJson(JsonNode report)
    {
        String dataset = text(report, "dataset", "the bench report");
        JsonNode items = report.path("stages");
        if (!items.isArray() || items.isEmpty()) {
            throw new IllegalArgumentException("the bench report of " + dataset + " has no stages[]");
        }
        List<Stage> stages = new ArrayList<>();
        for (JsonNode item : items) {
            String name = text(item, "name", "a stage of " + dataset);
            stages.add(new Stage(name, bytes(item, "peakRssBytes", name), bytes(item, "peakLiveHeapBytes", name)));
        }
        return new RunMemory(dataset, stages);
    }

    public Optional<Stage> stage(String name)
    {
        return stages.stream().filter(stage -> stage.name().equals(name)).findFirst();
    }

    private static String text(JsonNode node, String field, String where)
    {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(where + " has no text field '" + field + "'");
        }
        return value.asText();
    }

    private static long bytes(JsonNode stage, String field, String name)
    {
        JsonNode value = stage.path(field);
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw new IllegalArgumentException("stage " + name + " of the bench report has no byte count '" + field + "' (a bench older than this CLI?)");
        }
        return value.asLong();
    }
}
