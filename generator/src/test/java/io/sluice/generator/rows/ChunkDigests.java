package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.schema.checksum.ChunkChecksum;

import java.util.ArrayList;
import java.util.List;

/**
 * Generates a chunk without Kafka and sums up each sub-chunk, for tests.
 */
final class ChunkDigests
{
    private ChunkDigests() {}

    /**
     * One checksum per planned sub-chunk, in order; checks on the way that sub-chunks never go back.
     */
    static List<ChunkChecksum> of(ChunkPlan chunk)
    {
        List<ChunkChecksum> subChunks = new ArrayList<>();
        for (int i = 0; i < chunk.subChunks(); i++) {
            subChunks.add(new ChunkChecksum());
        }
        ChunkRows rows = ChunkRows.of(chunk);
        int last = 1;
        while (rows.next()) {
            if (rows.subChunk() < last) {
                throw new AssertionError("sub-chunk went back from %d to %d".formatted(last, rows.subChunk()));
            }
            last = rows.subChunk();
            rows.encode(subChunks.get(rows.subChunk() - 1));
        }
        return subChunks;
    }

    static ChunkChecksum total(List<ChunkChecksum> subChunks)
    {
        ChunkChecksum total = new ChunkChecksum();
        subChunks.forEach(total::combine);
        return total;
    }
}
