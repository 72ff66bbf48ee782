package io.sluice.benchmarks.parquet;

import io.sluice.benchmarks.RowThroughput;
import io.sluice.benchmarks.TpchSample;
import io.sluice.loaders.parquet.ParquetFormat;
import io.sluice.loaders.parquet.ParquetLayout;
import io.sluice.loaders.parquet.ParquetObjectWriter;
import io.sluice.loaders.parquet.ParquetObjects;
import io.sluice.loaders.s3.ObjectStore;
import io.sluice.loaders.s3.S3Settings;
import io.sluice.schema.Folders;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.table.TableSchemas;
import io.trino.tpch.TpchTable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The Parquet lander's writing, without Kafka or S3: a batch of lineitem rows, decoded from the generator's
 * messages the way the lander decodes them (generic records, no logical-type conversions), written through the
 * loaders' {@link ParquetObjectWriter} with the lander's default format (ZSTD level, row group and page sizes), per codec.
 * Each operation writes the batch as one file into a local spill directory, pages encoded and compressed and
 * the row group flushed, and then drops it instead of uploading.
 */
public class ParquetWriterBenchmark
        extends RowThroughput
{
    static final int ROWS = 50_000;

    private static final DatasetId DATASET = DatasetId.parse("tpch.sf1");
    private static final String TABLE = "lineitem";

    @Param({"ZSTD", "SNAPPY", "UNCOMPRESSED"})
    public String compression;

    private Schema schema;
    private String key;
    private List<GenericRecord> rows;
    private Path spillDirectory;
    private ObjectStore store;
    private ParquetObjects objects;

    @Setup
    public void setUp()
            throws IOException
    {
        schema = TableSchemas.schema(DATASET.benchmark(), TABLE);
        key = ParquetLayout.objectKey(DATASET, TABLE, 0, 0);
        rows = decode(schema, TpchSample.messages(TpchTable.LINE_ITEM, ROWS));
        ParquetFormat defaults = ParquetFormat.defaults();
        ParquetFormat format = new ParquetFormat(ParquetFormat.parseCompression(compression), defaults.zstdLevel(), defaults.rowGroupBytes(), defaults.pageBytes());
        spillDirectory = Files.createTempDirectory("sluice-jmh-parquet");
        store = new ObjectStore(unreachableStore());
        objects = new ParquetObjects(store, format, spillDirectory, ObjectStore.MIN_PART_BYTES);
    }

    @TearDown
    public void tearDown()
            throws IOException
    {
        objects.close();
        store.close();
        Folders.delete(spillDirectory);
    }

    /**
     * @return the bytes the open row group held before the file was finished
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long writeBatch()
    {
        // closing, not committing: the file is finished in the spill directory and dropped, nothing is uploaded
        try (ParquetObjectWriter writer = objects.open(key, schema)) {
            for (GenericRecord row : rows) {
                writer.write(row);
            }
            return writer.bufferedBytes();
        }
    }

    private static List<GenericRecord> decode(Schema schema, List<byte[]> messages)
    {
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema, schema, GenericData.get());
        return messages.stream()
                .map(message -> {
                    try {
                        return reader.read(null, DecoderFactory.get().binaryDecoder(message, SingleObjectEncoding.HEADER_LENGTH,
                                message.length - SingleObjectEncoding.HEADER_LENGTH, null));
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }

    /**
     * The writer takes a store only to upload on commit, which never happens here; so it points at a closed
     * loopback port with throwaway keys and is never contacted.
     */
    private static S3Settings unreachableStore()
    {
        return new S3Settings(URI.create("http://127.0.0.1:9"), "sluice-jmh", S3Settings.DEFAULT_REGION, UUID.randomUUID().toString(), UUID.randomUUID().toString(), false);
    }
}
