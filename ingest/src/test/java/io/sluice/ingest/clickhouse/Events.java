package io.sluice.ingest.clickhouse;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.TopicReplay;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Reads every committed record (or event) of a topic, from the start to its current end.
 */
final class Events
{
    private Events() {}

    static List<PipelineEvent> read(String bootstrapServers, String topic)
    {
        MessageCodec<PipelineEvent> codec = Messages.events();
        return records(bootstrapServers, topic).stream().map(record -> codec.decode(record.value())).toList();
    }

    static List<ConsumerRecord<byte[], byte[]>> records(String bootstrapServers, String topic)
    {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        TopicReplay.readToEnd(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), topic, Duration.ofMinutes(1), new ByteArrayDeserializer(), records::add);
        return records;
    }

    static int partitions(String bootstrapServers, String topic)
    {
        return withAdmin(bootstrapServers, "describing " + topic, admin -> admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size());
    }

    static void createTopic(String bootstrapServers, String topic)
    {
        withAdmin(bootstrapServers, "creating " + topic, admin -> admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get());
    }

    private interface AdminCall<T>
    {
        T call(Admin admin)
                throws InterruptedException, ExecutionException;
    }

    private static <T> T withAdmin(String bootstrapServers, String what, AdminCall<T> call)
    {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            return call.call(admin);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        catch (ExecutionException e) {
            throw new AssertionError(what + " failed", e);
        }
    }
}
