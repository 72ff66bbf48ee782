package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.schema.checksum.ChunkChecksum;
import org.apache.avro.generic.GenericData;

import java.nio.ByteBuffer;

/**
 * The rows of one chunk in generation order, each tagged with its sub-chunk. A cursor: {@link #next()}
 * moves to the next row; {@link #record()} and {@link #encode} convert the current one, which skipped
 * sub-chunks never pay for.
 */
public interface ChunkRows
{
    boolean next();

    /**
     * The 1-based sub-chunk of the current row; never decreases.
     */
    int subChunk();

    GenericData.Record record();

    /**
     * The current row's canonical bytes (its single-object payload), the bytes of
     * {@code RowCodec.encodePayload(record())}, in a buffer the next call reuses; adds them to {@code checksum}.
     */
    ByteBuffer encode(ChunkChecksum checksum);

    static ChunkRows of(ChunkPlan chunk)
    {
        return switch (chunk.dataset().benchmark()) {
            case TPCH -> TpchChunkRows.of(chunk);
            case TPCDS -> new TpcdsChunkRows(chunk);
        };
    }
}
