package io.sluice.ingest.tracker;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.event.TableReady;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * One dataset's events as a {@link DatasetWaiter} read them so far; sub-chunks are counted by identity, so repeats
 * count once. Not thread-safe.
 */
final class DatasetEvents
{
    // a timeout names this many of the sub-chunks a sink misses, and counts the rest
    private static final int MISSING_SHOWN = 5;

    private final DatasetId dataset;
    private Optional<DatasetPlanned> plan = Optional.empty();
    // sub-chunk ("table part.subChunk", sorted) -> rows
    private final Map<String, Long> produced = new TreeMap<>();
    // chunk ("table part") -> its sub-chunks produced so far, of how many
    private final Map<String, ChunkCount> chunks = new HashMap<>();
    private long firstProducedAtMs;
    private long lastProducedAtMs;
    private final Map<Sink, Map<String, Long>> landed = new EnumMap<>(Sink.class);
    private final Map<Sink, Long> lastLandedAtMs = new EnumMap<>(Sink.class);
    private final Map<Sink, Set<String>> tablesReady = new EnumMap<>(Sink.class);
    private final Map<Sink, DatasetReady> ready = new EnumMap<>(Sink.class);
    private final List<DatasetFailed> failed = new ArrayList<>();

    DatasetEvents(DatasetId dataset)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
    }

    /**
     * @return whether the event concerns the waiter (events of other kinds are ignored)
     */
    boolean add(PipelineEvent event)
    {
        switch (event) {
            case DatasetPlanned planned -> {
                plan = plan.or(() -> Optional.of(planned));
                generationWentOn();
            }
            case ChunkProduced chunk -> {
                if (produced.put(subChunk(chunk.table(), chunk.part(), chunk.subChunk()), chunk.rows()) == null) {
                    chunks.computeIfAbsent(chunk.table() + " " + chunk.part(), _ -> new ChunkCount(chunk.subChunks())).produced++;
                }
                firstProducedAtMs = firstProducedAtMs == 0 ? chunk.producedAtMs() : Math.min(firstProducedAtMs, chunk.producedAtMs());
                lastProducedAtMs = Math.max(lastProducedAtMs, chunk.producedAtMs());
            }
            case ChunkLanded chunk -> {
                landed.computeIfAbsent(chunk.sink(), _ -> new TreeMap<>()).put(subChunk(chunk.table(), chunk.part(), chunk.subChunk()), chunk.rows());
                lastLandedAtMs.merge(chunk.sink(), chunk.landedAtMs(), Math::max);
            }
            case TableReady table -> tablesReady.computeIfAbsent(table.sink(), _ -> new HashSet<>()).add(table.table());
            case DatasetReady done -> {
                ready.putIfAbsent(done.sink(), done);
                generationWentOn();
            }
            case DatasetFailed failure -> failed.add(failure);
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * A generator's failure (one without a sink: the tracker's name theirs) is over once a generator announced the
     * plan again after it (a rerun, a retried Job index, each of which resumes where it stopped) or a sink became
     * ready. Read from the beginning, it would otherwise fail every later wait for a dataset that is ready by now.
     */
    private void generationWentOn()
    {
        failed.removeIf(failure -> failure.sink().isEmpty());
    }

    Optional<DatasetPlanned> plan()
    {
        return plan;
    }

    Map<Sink, DatasetReady> ready()
    {
        return Map.copyOf(ready);
    }

    List<DatasetFailed> failures()
    {
        return List.copyOf(failed);
    }

    DatasetProgress progress()
    {
        Map<Sink, Long> landedSubChunks = new EnumMap<>(Sink.class);
        Map<Sink, Long> landedRows = new EnumMap<>(Sink.class);
        landed.forEach((sink, chunks) -> {
            landedSubChunks.put(sink, (long) chunks.size());
            landedRows.put(sink, chunks.values().stream().mapToLong(Long::longValue).sum());
        });
        Map<Sink, Integer> readyTables = new EnumMap<>(Sink.class);
        tablesReady.forEach((sink, tables) -> readyTables.put(sink, tables.size()));
        return new DatasetProgress(dataset, plan, produced.size(), produced.values().stream().mapToLong(Long::longValue).sum(), generated(), firstProducedAtMs, lastProducedAtMs,
                landedSubChunks, landedRows, lastLandedAtMs, readyTables);
    }

    /** Whether every sub-chunk of every chunk the plan has (its tables times its parts) is produced. */
    private boolean generated()
    {
        return plan.map(planned -> chunks.size() == planned.tables().size() * planned.parts()).orElse(false)
                && chunks.values().stream().allMatch(count -> count.produced == count.subChunks);
    }

    /**
     * What keeps each of {@code sinks} that is not ready from being so, one line each (empty if all are ready): the
     * planned tables it has not declared ready and the produced sub-chunks it has not landed. Where a stuck run
     * starts to be diagnosed: a sub-chunk no sink landed points at its Kafka partition, one sink alone at that sink.
     */
    String missing(Set<Sink> sinks)
    {
        StringBuilder lines = new StringBuilder();
        for (Sink sink : sinks.stream().sorted().toList()) {
            if (ready.containsKey(sink)) {
                continue;
            }
            Set<String> readyHere = tablesReady.getOrDefault(sink, Set.of());
            List<String> tables = plan.map(planned -> planned.tables().stream().filter(table -> !readyHere.contains(table)).toList()).orElse(List.of());
            Map<String, Long> landedHere = landed.getOrDefault(sink, Map.of());
            List<String> notLanded = produced.keySet().stream().filter(chunk -> !landedHere.containsKey(chunk)).toList();
            lines.append("%n  %s: tables not ready: %s; produced sub-chunks not landed: %s".formatted(
                    sink.label(),
                    plan.isEmpty() ? "(no DatasetPlanned seen)" : tables.isEmpty() ? "none" : String.join(", ", tables),
                    notLanded.isEmpty() ? "none" : describe(notLanded)));
        }
        return lines.toString();
    }

    private static String describe(List<String> chunks)
    {
        String shown = String.join(", ", chunks.subList(0, Math.min(MISSING_SHOWN, chunks.size())));
        return chunks.size() <= MISSING_SHOWN ? shown : "%s and %d more".formatted(shown, chunks.size() - MISSING_SHOWN);
    }

    private static final class ChunkCount
    {
        final int subChunks;
        int produced;

        ChunkCount(int subChunks)
        {
            this.subChunks = subChunks;
        }
    }

    private static String subChunk(String table, int part, int subChunk)
    {
        return "%s %d.%d".formatted(table, part, subChunk);
    }
}
