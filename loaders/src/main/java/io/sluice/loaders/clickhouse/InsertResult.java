package io.sluice.loaders.clickhouse;

/**
 * What one insert sent: rows and the container's bytes. ClickHouse may have dropped them as a repeat of an
 * insert with the same token; either way they are in the table exactly once.
 */
public record InsertResult(long rows, long bytes, String deduplicationToken) {}
