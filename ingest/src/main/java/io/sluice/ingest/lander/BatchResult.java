package io.sluice.ingest.lander;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a completed batch put into the sink.
 *
 * @param rows rows written
 * @param bytes bytes written to the sink (object sizes, or the inserted payload bytes)
 * @param objects what the rows went to: Parquet object keys, or ClickHouse insert deduplication tokens
 */
public record BatchResult(long rows, long bytes, List<String> objects)
{
    public BatchResult
    {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must be >= 0, got " + bytes);
        }
        objects = List.copyOf(requireNonNull(objects, "objects is null"));
    }
}
