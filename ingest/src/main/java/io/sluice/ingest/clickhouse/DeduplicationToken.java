package io.sluice.ingest.clickhouse;

import io.sluice.ingest.lander.BatchKey;

/**
 * The {@code insert_deduplication_token} of a batch: its topic, partition and offset range. The loop cuts
 * batches deterministically, so a batch rebuilt after a crash has the same range, the same rows and this same
 * token, and ClickHouse drops the repeated insert.
 */
final class DeduplicationToken
{
    private DeduplicationToken() {}

    static String of(BatchKey key, long lastOffset)
    {
        if (lastOffset < key.firstOffset()) {
            throw new IllegalArgumentException("last offset %d is before the batch's first offset %d".formatted(lastOffset, key.firstOffset()));
        }
        return "%s/%d/%d-%d".formatted(key.topic(), key.partition(), key.firstOffset(), lastOffset);
    }
}
