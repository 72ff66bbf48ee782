package io.sluice.ingest.tracker;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.Sink;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a {@link DatasetWaiter} has seen of a dataset so far: its plan, produced sub-chunks and rows, and per sink
 * the landed sub-chunks and rows and the ready tables (repeated events counted once). Timestamps are the events'
 * own (0 when none seen), for stage rates. {@code generated}: every sub-chunk of every planned chunk is produced, so
 * {@code producedRows} is the dataset's final row count; before that it is what the generators wrote so far.
 */
public record DatasetProgress(
        DatasetId dataset,
        Optional<DatasetPlanned> plan,
        long producedSubChunks,
        long producedRows,
        boolean generated,
        long firstProducedAtMs,
        long lastProducedAtMs,
        Map<Sink, Long> landedSubChunks,
        Map<Sink, Long> landedRows,
        Map<Sink, Long> lastLandedAtMs,
        Map<Sink, Integer> tablesReady)
{
    public DatasetProgress
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(plan, "plan is null");
        landedSubChunks = Map.copyOf(landedSubChunks);
        landedRows = Map.copyOf(landedRows);
        lastLandedAtMs = Map.copyOf(lastLandedAtMs);
        tablesReady = Map.copyOf(tablesReady);
    }
}
