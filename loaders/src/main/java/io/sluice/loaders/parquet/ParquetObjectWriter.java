package io.sluice.loaders.parquet;

import io.sluice.loaders.s3.ObjectStore;
import io.sluice.loaders.s3.StoredObject;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.io.LocalOutputFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * Writes one Parquet object: rows go through parquet-avro's non-Hadoop path into a local spill file (only the
 * open row group stays in memory), and {@link #commit()} uploads the finished file under its key, so the
 * object appears in the store complete or not at all. Not thread-safe.
 *
 * <p>Records are written as Avro's generic representation without logical-type conversions: decimals as their
 * two's-complement bytes and dates as day numbers, exactly the bits Parquet's {@code DECIMAL} (binary) and
 * {@code DATE} annotations describe, so no {@code BigDecimal} or {@code LocalDate} is built per value.
 */
public final class ParquetObjectWriter
        implements AutoCloseable
{
    private final ObjectStore store;
    private final String key;
    private final Path spillFile;
    private final long partBytes;
    private final ParquetWriter<GenericRecord> writer;
    private long rows;
    private boolean open = true;

    ParquetObjectWriter(ObjectStore store, ParquetFormat format, String key, Schema schema, Path spillFile, long partBytes)
    {
        this.store = requireNonNull(store, "store is null");
        this.key = requireNonNull(key, "key is null");
        this.spillFile = requireNonNull(spillFile, "spillFile is null");
        this.partBytes = partBytes;
        PlainParquetConfiguration configuration = new PlainParquetConfiguration();
        configuration.setInt("parquet.compression.codec.zstd.level", format.zstdLevel());
        try {
            this.writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(spillFile))
                    .withConf(configuration)
                    .withSchema(requireNonNull(schema, "schema is null"))
                    .withDataModel(GenericData.get())
                    .withCompressionCodec(format.compression())
                    .withRowGroupSize(format.rowGroupBytes())
                    .withPageSize(format.pageBytes())
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .build();
        }
        catch (IOException e) {
            deleteSpill();
            throw new UncheckedIOException("cannot open Parquet spill file " + spillFile + " for " + key, e);
        }
    }

    public String key()
    {
        return key;
    }

    /**
     * @param row a record of the schema, in Avro's generic representation without logical-type conversions
     */
    public void write(GenericRecord row)
    {
        checkOpen();
        try {
            writer.write(row);
            rows++;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write a row of " + key + " to " + spillFile, e);
        }
    }

    public long rows()
    {
        return rows;
    }

    /**
     * Bytes buffered in memory for the open row group.
     */
    public long bufferedBytes()
    {
        return open ? writer.getDataSize() : 0;
    }

    /**
     * Finishes the file and uploads it, replacing an object of the same key.
     *
     * @throws io.sluice.loaders.s3.ObjectStoreException if the upload fails (the spill file is gone either way)
     */
    public StoredObject commit()
    {
        checkOpen();
        open = false;
        try {
            writer.close();
            return store.upload(key, spillFile, partBytes);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot finish Parquet file " + spillFile + " for " + key, e);
        }
        finally {
            deleteSpill();
        }
    }

    /**
     * Drops the object: nothing is uploaded. Idempotent; never throws.
     */
    @Override
    public void close()
    {
        if (open) {
            open = false;
            try {
                writer.close();
            }
            catch (IOException | RuntimeException _) {
                // the file is deleted right after; a failing close changes nothing for the store
            }
            deleteSpill();
        }
    }

    private void checkOpen()
    {
        if (!open) {
            throw new IllegalStateException("Parquet object " + key + " is already committed or closed");
        }
    }

    private void deleteSpill()
    {
        try {
            Files.deleteIfExists(spillFile);
        }
        catch (IOException _) {
            // a leftover spill file wastes disk but harms nothing: spill files are never uploaded twice
        }
    }
}
