package io.sluice.ingest.tracker;

import io.sluice.ops.kafka.ProducerFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaClientSupplier;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The tracker's Kafka clients: Kafka Streams' own, but the transactional producers from a {@link ProducerFactory}.
 */
final class TrackerClients
        implements KafkaClientSupplier
{
    private final ProducerFactory producers;

    TrackerClients(ProducerFactory producers)
    {
        this.producers = requireNonNull(producers, "producers is null");
    }

    @Override
    public Admin getAdmin(Map<String, Object> config)
    {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config)
    {
        return producers.create(config);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config)
    {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config)
    {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config)
    {
        return consumer(config);
    }

    private static Consumer<byte[], byte[]> consumer(Map<String, Object> config)
    {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
