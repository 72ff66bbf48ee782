package io.sluice.generator.progress;

import static java.util.Objects.requireNonNull;

/**
 * One table's progress in this process: rows sent (including the open sub-chunk), the estimate for its
 * parts, and sub-chunks committed now, found committed by an earlier run (skipped), and planned.
 */
public record TableProgress(String table, long rows, long estimatedRows, int subChunksCommitted, int subChunksSkipped, int subChunks)
{
    public TableProgress
    {
        requireNonNull(table, "table is null");
    }

    public boolean done()
    {
        return subChunksCommitted + subChunksSkipped == subChunks;
    }
}
