package io.sluice.generator.it;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.sluice.schema.kafka.TopicReplay;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static java.util.concurrent.CompletableFuture.delayedExecutor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a service rebuilds what it knows from a log ({@code sluice.events}) when another writer left a transaction open
 * in it, as a generator, lander or tracker killed between its first record and its commit does until Kafka aborts it.
 */
@StackServers("kafka")
class TopicReplayIT
{
    @Test
    void recordsCommittedAfterAnOpenTransactionBeganAreReadOnceItEnds(StackStatus stack)
            throws Exception
    {
        Map<String, Object> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoint("kafka", "bootstrapServers"));
        String topic = "it.replay.open-transaction";
        createTopic(client, topic);
        try (KafkaProducer<String, String> stopped = transactional(client, "it-replay-stopped");
                KafkaProducer<String, String> writer = transactional(client, "it-replay-writer")) {
            leaveOpen(stopped, topic);
            commit(writer, topic, "mine 1", "mine 2");

            // the stopped writer's transaction ends (aborted, as Kafka does at its timeout) while the read waits
            long start = System.nanoTime();
            CompletableFuture<Void> aborted = CompletableFuture.runAsync(stopped::abortTransaction, delayedExecutor(2, TimeUnit.SECONDS));
            List<String> read = new ArrayList<>();
            List<ILoggingEvent> warnings = new CopyOnWriteArrayList<>();
            AppenderBase<ILoggingEvent> kafkaWarnings = new AppenderBase<>()
            {
                @Override
                protected void append(ILoggingEvent event)
                {
                    if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
                        warnings.add(event);
                    }
                }
            };
            Logger kafkaLog = (Logger) LoggerFactory.getLogger("org.apache.kafka");
            kafkaWarnings.start();
            kafkaLog.addAppender(kafkaWarnings);
            try {
                TopicReplay.readToEnd(client, topic, Duration.ofSeconds(30), record -> read.add(new String(record.value())));
            }
            finally {
                kafkaLog.detachAppender(kafkaWarnings);
            }
            aborted.get();

            assertThat(read).containsExactly("mine 1", "mine 2");
            // every `sluice run` printed "Not updating high watermark for partition sluice.events-N as it is no longer
            // assigned" three times: the end offsets were asked of a consumer without the partitions
            assertThat(warnings).extracting(ILoggingEvent::getFormattedMessage).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void aTransactionOpenForLongerThanTheReadMaySaysWhereItHoldsTheReadBack(StackStatus stack)
            throws Exception
    {
        Map<String, Object> client = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoint("kafka", "bootstrapServers"));
        String topic = "it.replay.stuck";
        createTopic(client, topic);
        try (KafkaProducer<String, String> stopped = transactional(client, "it-replay-stuck");
                KafkaProducer<String, String> writer = transactional(client, "it-replay-stuck-writer")) {
            commit(writer, topic, "before");
            leaveOpen(stopped, topic);
            commit(writer, topic, "after");

            assertThatThrownBy(() -> TopicReplay.readToEnd(client, topic, Duration.ofSeconds(2), _ -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("could not read it.replay.stuck to its end within 2 s: partition 0 stays at offset 2 of 5 (a transaction left open there");
            stopped.abortTransaction();
        }
    }

    private static void createTopic(Map<String, Object> client, String topic)
            throws Exception
    {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static KafkaProducer<String, String> transactional(Map<String, Object> client, String transactionalId)
    {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
        producer.initTransactions();
        return producer;
    }

    /** What a writer killed between its first record and its commit leaves: a transaction open in the topic. */
    private static void leaveOpen(KafkaProducer<String, String> stopped, String topic)
            throws Exception
    {
        stopped.beginTransaction();
        stopped.send(new ProducerRecord<>(topic, "stopped", "never committed")).get();
    }

    private static void commit(KafkaProducer<String, String> producer, String topic, String... values)
            throws Exception
    {
        producer.beginTransaction();
        for (String value : values) {
            producer.send(new ProducerRecord<>(topic, "writer", value)).get();
        }
        producer.commitTransaction();
    }
}
