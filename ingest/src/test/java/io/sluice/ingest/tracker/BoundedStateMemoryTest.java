package io.sluice.ingest.tracker;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.DatasetPlanned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedStateMemoryTest
{
    private static final long MEMORY_BYTES = 8L << 20;

    @TempDir
    Path stateDir;

    @Test
    void theTrackersStoresKeepTheirBlocksAndMemtablesInTheSharedMemory()
    {
        DatasetId dataset = DatasetId.parse("tpch.sf100");
        long peak = 0;
        try (StateMemory memory = new StateMemory(MEMORY_BYTES)) {
            try (TrackerDriver driver = new TrackerDriver(TrackerDriver.settings(stateDir), memory)) {
                driver.send(new DatasetPlanned(dataset, List.of("lineitem"), 300, Optional.empty(), 0));
                // every chunk writes the chunk, deadline, part and table stores: more than 8 MiB of memtables
                for (int part = 1; part <= 300; part++) {
                    for (int subChunk = 1; subChunk <= 100; subChunk++) {
                        driver.send(new ChunkProduced(dataset, "lineitem", part, 300, subChunk, 100, 10_000, 31L * part + subChunk, 0));
                    }
                    peak = Math.max(peak, memory.usage());
                }
            }
            assertThat(peak).as("what the stores held in the shared memory").isPositive().isLessThanOrEqualTo(MEMORY_BYTES + (MEMORY_BYTES >> 3));
        }
    }

    @Test
    void aStoreGetsTheSharedCacheAndWriteBuffers()
    {
        try (StateMemory memory = new StateMemory(MEMORY_BYTES);
                Options options = new Options()) {
            options.setTableFormatConfig(new BlockBasedTableConfig());
            new BoundedStateMemory().setConfig("tracker-chunks", options, Map.of(StateMemory.CONFIG, memory));

            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
            assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(options.writeBufferSize()).isEqualTo(1L << 20);
        }
    }

    @Test
    void aConfigWithoutTheMemoryIsAnError()
    {
        try (Options options = new Options()) {
            assertThatThrownBy(() -> new BoundedStateMemory().setConfig("tracker-chunks", options, Map.of()))
                    .hasMessage("store tracker-chunks: the Streams config has no sluice.tracker.state.memory to share; BoundedStateMemory needs one");
        }
    }
}
