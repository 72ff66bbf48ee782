package io.sluice.ingest.tracker;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * The memory every RocksDB store of one tracker process shares: one block cache, and memtables charged to it. Kafka
 * Streams' default gives each store its own 50 MiB cache and up to three 16 MiB memtables; the tracker has six stores
 * per events partition (and as many standbys with a second replica), so its off-heap memory grew with the state,
 * towards 2 GiB on a pod limited to 1 GiB. Handed to {@link BoundedStateMemory} through the Streams config, so nothing
 * static holds it; closed after the stores.
 */
final class StateMemory
        implements AutoCloseable
{
    /** The Streams config entry {@link BoundedStateMemory} finds this in. */
    static final String CONFIG = "sluice.tracker.state.memory";

    // index and filter blocks, cached with high priority, must not push out all data blocks
    private static final double HIGH_PRIORITY_RATIO = 0.1;

    private final long bytes;
    private final Cache cache;
    private final WriteBufferManager writeBuffers;

    StateMemory(long bytes)
    {
        if (bytes <= 0) {
            throw new IllegalArgumentException("bytes must be positive, got " + bytes);
        }
        RocksDB.loadLibrary();
        this.bytes = bytes;
        // not strict: a store may go briefly over rather than fail a read or a write
        this.cache = new LRUCache(bytes, -1, false, HIGH_PRIORITY_RATIO);
        // memtables may take half; what they hold is charged to the cache, so the whole stays within bytes
        this.writeBuffers = new WriteBufferManager(bytes / 2, cache);
    }

    long bytes()
    {
        return bytes;
    }

    Cache cache()
    {
        return cache;
    }

    WriteBufferManager writeBuffers()
    {
        return writeBuffers;
    }

    /** What the stores hold in it now: cached blocks and memtables. */
    long usage()
    {
        return cache.getUsage();
    }

    @Override
    public void close()
    {
        writeBuffers.close();
        cache.close();
    }
}
