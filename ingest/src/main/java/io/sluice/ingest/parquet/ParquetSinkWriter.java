package io.sluice.ingest.parquet;

import io.sluice.ingest.lander.BatchKey;
import io.sluice.ingest.lander.BatchResult;
import io.sluice.ingest.lander.OpenBatch;
import io.sluice.ingest.lander.RetryableSinkException;
import io.sluice.ingest.lander.SinkWriter;
import io.sluice.loaders.parquet.ParquetLayout;
import io.sluice.loaders.parquet.ParquetObjectWriter;
import io.sluice.loaders.parquet.ParquetObjects;
import io.sluice.loaders.s3.ObjectStore;
import io.sluice.loaders.s3.ObjectStoreException;
import io.sluice.loaders.s3.StoredObject;
import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.event.Sink;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The Parquet sink: one batch = one object {@code <benchmark>/<sf>/<table>/part-<partition>-<firstOffset>.parquet}.
 * Rows are decoded from their Avro payload into generic records (no logical-type conversions, see
 * {@link ParquetObjectWriter}) and written to a spill file; completing uploads it. A batch with no rows
 * writes no object. Store failures are retryable: the loop rebuilds the batch and the same key is written again.
 */
public final class ParquetSinkWriter
        implements SinkWriter
{
    private final ObjectStore store;
    private final ParquetObjects objects;
    private final Map<Schema, GenericDatumReader<GenericRecord>> readers = new IdentityHashMap<>();
    private BinaryDecoder decoder;
    private boolean bucketChecked;

    public ParquetSinkWriter(ObjectStore store, ParquetObjects objects)
    {
        this.store = requireNonNull(store, "store is null");
        this.objects = requireNonNull(objects, "objects is null");
    }

    @Override
    public Sink sink()
    {
        return Sink.PARQUET;
    }

    @Override
    public OpenBatch open(BatchKey key, Schema tableSchema)
    {
        if (!bucketChecked) {
            try {
                store.ensureBucket();
            }
            catch (ObjectStoreException e) {
                throw new RetryableSinkException(e.getMessage(), e);
            }
            bucketChecked = true;
        }
        String objectKey = ParquetLayout.objectKey(key.dataset(), key.table(), key.partition(), key.firstOffset());
        GenericDatumReader<GenericRecord> reader = readers.computeIfAbsent(tableSchema, schema -> new GenericDatumReader<>(schema, schema, GenericData.get()));
        return new ParquetBatch(objectKey, tableSchema, reader);
    }

    @Override
    public void close()
    {
        try (store) {
            objects.close();
        }
    }

    private final class ParquetBatch
            implements OpenBatch
    {
        private final String objectKey;
        private final Schema schema;
        private final GenericDatumReader<GenericRecord> reader;
        private ParquetObjectWriter writer;
        private long rows;

        ParquetBatch(String objectKey, Schema schema, GenericDatumReader<GenericRecord> reader)
        {
            this.objectKey = objectKey;
            this.schema = schema;
            this.reader = reader;
        }

        @Override
        public void append(ByteBuffer payload)
        {
            GenericRecord row = decode(payload);
            try {
                // the spill file is created here too: a full or unwritable spill directory is a moment, not the data
                if (writer == null) {
                    writer = objects.open(objectKey, schema);
                }
                writer.write(row);
            }
            catch (UncheckedIOException e) {
                throw new RetryableSinkException("cannot spill Parquet rows of " + objectKey + ": " + e.getMessage(), e);
            }
            rows++;
        }

        private GenericRecord decode(ByteBuffer payload)
        {
            if (payload.hasArray()) {
                decoder = DecoderFactory.get().binaryDecoder(payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(), decoder);
            }
            else {
                byte[] copy = new byte[payload.remaining()];
                payload.duplicate().get(copy);
                decoder = DecoderFactory.get().binaryDecoder(copy, decoder);
            }
            try {
                GenericRecord row = reader.read(null, decoder);
                if (!decoder.isEnd()) {
                    throw new UndecodableMessageException(UndecodableMessageException.Reason.MALFORMED_PAYLOAD, "row of %s has bytes left over after the record".formatted(schema.getFullName()));
                }
                return row;
            }
            catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException e) {
                throw new UndecodableMessageException(UndecodableMessageException.Reason.MALFORMED_PAYLOAD, "row does not decode as %s: %s".formatted(schema.getFullName(), e), e);
            }
        }

        @Override
        public long bufferedBytes()
        {
            return writer == null ? 0 : writer.bufferedBytes();
        }

        @Override
        public BatchResult complete(long lastOffset)
        {
            if (writer == null) {
                return new BatchResult(0, 0, List.of());
            }
            try {
                StoredObject stored = writer.commit();
                return new BatchResult(rows, stored.bytes(), List.of(stored.key()));
            }
            catch (ObjectStoreException | UncheckedIOException e) {
                throw new RetryableSinkException(e.getMessage(), e);
            }
            finally {
                writer = null;
            }
        }

        @Override
        public void abort()
        {
            if (writer != null) {
                writer.close();
                writer = null;
            }
        }
    }
}
