package io.sluice.ingest.clickhouse;

import io.sluice.ingest.lander.BatchKey;
import io.sluice.ingest.lander.BatchResult;
import io.sluice.ingest.lander.OpenBatch;
import io.sluice.ingest.lander.RejectedBatchException;
import io.sluice.ingest.lander.RetryableSinkException;
import io.sluice.ingest.lander.SinkWriter;
import io.sluice.loaders.clickhouse.ClickHouseLoader;
import io.sluice.loaders.clickhouse.NativeBlock;
import io.sluice.loaders.clickhouse.InsertResult;
import io.sluice.loaders.clickhouse.RejectedInsertException;
import io.sluice.loaders.clickhouse.RetryableInsertException;
import io.sluice.schema.event.Sink;
import org.apache.avro.Schema;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The ClickHouse sink of the shared lander loop: a batch is one {@code INSERT … FORMAT Native} of its rows'
 * payloads transcoded column by column ({@link NativeBlock}), with the batch's offset range as {@code insert_deduplication_token}
 * ({@link DeduplicationToken}). Tables are created on the first batch for them.
 */
public final class ClickHouseSinkWriter
        implements SinkWriter
{
    private final ClickHouseLoader loader;

    public ClickHouseSinkWriter(ClickHouseLoader loader)
    {
        this.loader = requireNonNull(loader, "loader is null");
    }

    @Override
    public Sink sink()
    {
        return Sink.CLICKHOUSE;
    }

    @Override
    public OpenBatch open(BatchKey key, Schema tableSchema)
    {
        requireNonNull(key, "key is null");
        requireNonNull(tableSchema, "tableSchema is null");
        translated(() -> {
            loader.ensureTable(key.dataset(), key.table());
            return null;
        });
        return new Batch(key, new NativeBlock(tableSchema));
    }

    @Override
    public void close()
    {
        loader.close();
    }

    private static <T> T translated(Supplier<T> action)
    {
        try {
            return action.get();
        }
        catch (RetryableInsertException e) {
            throw new RetryableSinkException(e.getMessage(), e);
        }
        catch (RejectedInsertException e) {
            throw new RejectedBatchException(e.getMessage(), e);
        }
    }

    private final class Batch
            implements OpenBatch
    {
        private final BatchKey key;
        private NativeBlock rows;

        Batch(BatchKey key, NativeBlock rows)
        {
            this.key = key;
            this.rows = rows;
        }

        @Override
        public void append(ByteBuffer payload)
        {
            // a row that does not decode leaves the batch as it was
            open().append(payload);
        }

        @Override
        public long bufferedBytes()
        {
            return rows == null ? 0 : rows.bufferedBytes();
        }

        @Override
        public BatchResult complete(long lastOffset)
        {
            NativeBlock batch = open();
            rows = null;
            if (batch.rows() == 0) {
                // a batch of end-of-chunk markers only: nothing to insert
                return new BatchResult(0, 0, List.of());
            }
            String token = DeduplicationToken.of(key, lastOffset);
            InsertResult result = translated(() -> loader.insert(key.dataset(), key.table(), batch, token));
            return new BatchResult(result.rows(), result.bytes(), List.of(token));
        }

        @Override
        public void abort()
        {
            rows = null;
        }

        private NativeBlock open()
        {
            if (rows == null) {
                throw new IllegalStateException("batch %s/%d@%d is already completed or aborted".formatted(key.topic(), key.partition(), key.firstOffset()));
            }
            return rows;
        }
    }
}
