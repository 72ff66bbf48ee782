package io.sluice.generator.kafka;

import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ops.kafka.ProducerFactory;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.ChunkMarker;
import io.sluice.schema.kafka.PartKey;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Writes sub-chunks, each as one Kafka transaction: its rows, the end-of-chunk marker in the same partition
 * with the same key, and the {@code ChunkProduced} event on {@code sluice.events}. Consumers reading
 * {@code read_committed} see all three or none. One transactional producer per process and part range:
 * creating it fences an earlier process with the same transactional id and aborts its open transaction.
 */
public final class ChunkProducer
        implements AutoCloseable
{
    private static final int MIN_ROWS_PER_SECOND = 10_000;

    private final Producer<byte[], byte[]> producer;
    private final MessageCodec<PipelineEvent> events = Messages.events();
    private final ChunkMarker marker = new ChunkMarker();
    private final String transactionalId;
    private boolean inTransaction;

    public ChunkProducer(GeneratorSettings settings, ProducerFactory clients)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(clients, "clients is null");
        this.transactionalId = settings.transactionalId();
        this.producer = requireNonNull(clients.create(producerProperties(settings)), "clients returned null");
        try {
            producer.initTransactions();
        }
        catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    static Map<String, Object> producerProperties(GeneratorSettings settings)
    {
        Map<String, Object> properties = new HashMap<>(settings.kafka().toClientProperties());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, settings.compression().kafkaName());
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, settings.batchSizeBytes());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, settings.lingerMs());
        // Room for several full batches per partition while the sender compresses and ships the previous ones.
        properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(64L * 1024 * 1024, 16L * settings.batchSizeBytes()));
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1024 * 1024, 2 * settings.batchSizeBytes()));
        properties.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) transactionTimeout(settings.subChunkRows()).toMillis());
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        // a commit that times out fails the run: let it wait out a broker restart (fault runs, rolling upgrades)
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMinutes(5).toMillis());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, settings.transactionalId());
        return properties;
    }

    /**
     * Long enough for a sub-chunk at a slow 10k rows/s, at least Kafka's default minute. It is also how long
     * a killed process's open transaction holds back {@code read_committed} consumers of its partitions if no
     * successor with the same transactional id comes to abort it.
     */
    public static Duration transactionTimeout(int subChunkRows)
    {
        long seconds = Math.clamp(subChunkRows / MIN_ROWS_PER_SECOND, 60, 900);
        return Duration.ofSeconds(seconds);
    }

    public void begin()
    {
        producer.beginTransaction();
        inTransaction = true;
    }

    /**
     * Sends a record of rows: a row block or a single-object message ({@code RowBlock}).
     */
    public void sendRows(String topic, int partition, byte[] key, byte[] value)
    {
        producer.send(new ProducerRecord<>(topic, partition, key, value));
    }

    /**
     * Sends the marker and the event, then commits the sub-chunk.
     *
     * @throws ProducerFencedException if another process took over this part range
     */
    public void commit(String topic, int partition, ChunkProduced chunk)
    {
        byte[] key = PartKey.encode(chunk.part());
        producer.send(new ProducerRecord<>(topic, partition, null, key, marker.encode(chunk), new RecordHeaders(List.of(ChunkMarker.header()))));
        producer.send(new ProducerRecord<>(Topics.EVENTS, chunk.key().getBytes(StandardCharsets.UTF_8), events.encode(chunk)));
        producer.commitTransaction();
        inTransaction = false;
    }

    /**
     * Publishes an event on {@code sluice.events} in a transaction of its own.
     */
    public void announce(PipelineEvent event)
    {
        begin();
        producer.send(new ProducerRecord<>(Topics.EVENTS, event.key().getBytes(StandardCharsets.UTF_8), events.encode(event)));
        producer.commitTransaction();
        inTransaction = false;
    }

    /**
     * Aborts the open transaction, if any, after a failure; a fenced producer cannot abort and needs not.
     */
    public void abort()
    {
        if (!inTransaction) {
            return;
        }
        inTransaction = false;
        try {
            producer.abortTransaction();
        }
        catch (ProducerFencedException e) {
            // the successor aborted it already
        }
        catch (RuntimeException e) {
            // The failure being handled matters, not this one (a producer in a fatal state refuses to abort):
            // closing the producer leaves the transaction to time out or be aborted by the next producer.
        }
    }

    public String transactionalId()
    {
        return transactionalId;
    }

    @Override
    public void close()
    {
        abort();
        producer.close(Duration.ofSeconds(10));
    }
}
