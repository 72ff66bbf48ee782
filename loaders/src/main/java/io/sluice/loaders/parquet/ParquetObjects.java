package io.sluice.loaders.parquet;

import io.sluice.loaders.s3.ObjectStore;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Opens {@link ParquetObjectWriter}s that spill to one local directory and upload to one store. The spill files go
 * to a folder of this instance's own in it ({@link SpillFolder}), deleted at {@link #close}; the folders of instances
 * that are gone are deleted first.
 */
public final class ParquetObjects
        implements AutoCloseable
{
    private final ObjectStore store;
    private final ParquetFormat format;
    private final SpillFolder spillFolder;
    private final long partBytes;

    public ParquetObjects(ObjectStore store, ParquetFormat format, Path spillDirectory, long partBytes)
    {
        this.store = requireNonNull(store, "store is null");
        this.format = requireNonNull(format, "format is null");
        requireNonNull(spillDirectory, "spillDirectory is null");
        if (partBytes < ObjectStore.MIN_PART_BYTES) {
            throw new IllegalArgumentException("partBytes must be >= %d, got %d".formatted(ObjectStore.MIN_PART_BYTES, partBytes));
        }
        this.partBytes = partBytes;
        try {
            this.spillFolder = SpillFolder.claim(spillDirectory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot create the Parquet spill directory " + spillDirectory + "; set " + ParquetSettings.SPILL_DIR_ENV + " to a writable directory", e);
        }
    }

    public ParquetObjectWriter open(String key, Schema schema)
    {
        Path spill = spillFolder.path().resolve(UUID.randomUUID() + ".parquet.tmp");
        return new ParquetObjectWriter(store, format, key, schema, spill, partBytes);
    }

    /**
     * Deletes the spill folder; the writers opened must be closed first.
     */
    @Override
    public void close()
    {
        spillFolder.close();
    }
}
