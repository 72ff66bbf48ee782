package io.sluice.generator.it;

import io.sluice.schema.kafka.TopicReplay;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A whole topic as a {@code read_committed} consumer sees it now, each partition in offset order; keys stay bytes,
 * as a row topic's part keys are.
 */
final class CommittedRecords
{
    private CommittedRecords() {}

    static List<ConsumerRecord<byte[], byte[]>> read(String bootstrapServers, String topic)
    {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        TopicReplay.readToEnd(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, Duration.ofMinutes(1), new ByteArrayDeserializer(), records::add);
        return records;
    }
}
