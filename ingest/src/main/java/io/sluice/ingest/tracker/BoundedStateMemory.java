package io.sluice.ingest.tracker;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

import java.util.Map;

/**
 * Puts each of the tracker's RocksDB stores on the process's {@link StateMemory}, which the Streams config carries
 * under {@link StateMemory#CONFIG}. Kafka Streams makes one of these per store, by reflection.
 */
public final class BoundedStateMemory
        implements RocksDBConfigSetter
{
    // two per store: one to fill while the other flushes
    private static final int MEMTABLES = 2;
    private static final long MAX_MEMTABLE_BYTES = 16L << 20;

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs)
    {
        if (!(configs.get(StateMemory.CONFIG) instanceof StateMemory memory)) {
            throw new IllegalStateException("store %s: the Streams config has no %s to share; %s needs one".formatted(storeName, StateMemory.CONFIG, getClass().getSimpleName()));
        }
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setTableFormatConfig(table);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setMaxWriteBufferNumber(MEMTABLES);
        options.setWriteBufferSize(Math.min(MAX_MEMTABLE_BYTES, memory.bytes() / 8));
    }

    @Override
    public void close(String storeName, Options options)
    {
        // the cache and the write buffer manager are shared by every store; StateMemory's owner closes them
    }
}
