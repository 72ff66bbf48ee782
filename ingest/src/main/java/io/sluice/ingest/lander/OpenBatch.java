package io.sluice.ingest.lander;

import java.nio.ByteBuffer;

/**
 * A batch being built. Either {@link #complete} or {@link #abort} ends it; after that it takes no more calls.
 */
public interface OpenBatch
{
    /**
     * Adds one row, given as its Avro binary payload (the single-object header stripped). The buffer's
     * position is not moved, its bytes must not be changed, and it is not kept after the call.
     *
     * @throws io.sluice.schema.codec.UndecodableMessageException if the payload is not a row of the table; the
     * batch is then unchanged and the loop sends the record to the dead-letter topic
     * @throws RetryableSinkException if the sink failed in a way worth retrying (the loop aborts the batch)
     */
    void append(ByteBuffer payload);

    /**
     * Bytes this batch holds in memory now (for the memory budget and metrics).
     */
    long bufferedBytes();

    /**
     * Makes the batch durable in the sink; idempotent per {@link BatchKey} (see {@link SinkWriter}).
     *
     * @param lastOffset the offset of the last record of the batch (a row or an end-of-chunk marker)
     * @throws RetryableSinkException if the sink is unavailable or overloaded; nothing may be assumed durable
     * @throws RejectedBatchException if the sink will never take these rows (e.g. schema mismatch)
     */
    BatchResult complete(long lastOffset);

    /**
     * Drops the batch and whatever it buffered or staged. Must not throw.
     */
    void abort();
}
