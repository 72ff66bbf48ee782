package io.sluice.ingest.lander;

import io.sluice.schema.event.Sink;
import org.apache.avro.Schema;

/**
 * One kind of sink (Parquet objects, ClickHouse tables) as the shared lander loop sees it. The loop cuts the
 * rows of one Kafka partition into batches by deterministic rules and hands each batch to {@link #open}; a
 * batch is made durable by {@link OpenBatch#complete}. Implementations must make {@code complete} idempotent
 * for the same {@link BatchKey}: after a crash the loop rebuilds the same batch (same first offset, same
 * rows) and completes it again, and the sink must then hold its rows once (Parquet: the same object key
 * overwritten; ClickHouse: the same insert deduplication token).
 *
 * <p>Called from the loop's single thread only; {@link #close()} after the loop stopped.
 */
public interface SinkWriter
        extends AutoCloseable
{
    Sink sink();

    /**
     * Opens a batch for rows of one table, all from one Kafka partition starting at {@code key.firstOffset()}.
     *
     * @param tableSchema the table's Avro schema; every payload appended is a datum of it
     * @throws RetryableSinkException if the sink cannot take a batch now (the loop backs off and retries)
     */
    OpenBatch open(BatchKey key, Schema tableSchema);

    @Override
    void close();
}
