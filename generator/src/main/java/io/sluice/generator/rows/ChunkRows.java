package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.schema.checksum.ChunkChecksum;
import org.apache.avro.generic.GenericData;

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
     * The current row as its single-object message, the bytes of {@code RowCodec.encode(record())}; adds its
     * canonical bytes to {@code checksum}.
     */
    byte[] encode(ChunkChecksum checksum);

    static ChunkRows of(ChunkPlan chunk)
    {
        return switch (chunk.dataset().benchmark()) {
            case TPCH -> TpchChunkRows.of(chunk);
            case TPCDS -> new TpcdsChunkRows(chunk);
        };
    }
}
