package io.sluice.ingest.lander;

import io.sluice.schema.dataset.DatasetId;

import static java.util.Objects.requireNonNull;

/**
 * Names one batch: the rows of {@code table} read from {@code topic}/{@code partition} starting at
 * {@code firstOffset}. The loop's cuts are deterministic, so the same key always means the same rows; sinks
 * derive their idempotence handle (object key, deduplication token) from it.
 */
public record BatchKey(DatasetId dataset, String table, String topic, int partition, long firstOffset)
{
    public BatchKey
    {
        requireNonNull(dataset, "dataset is null");
        dataset.benchmark().checkTable(table);
        requireNonNull(topic, "topic is null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, got " + partition);
        }
        if (firstOffset < 0) {
            throw new IllegalArgumentException("firstOffset must be >= 0, got " + firstOffset);
        }
    }
}
