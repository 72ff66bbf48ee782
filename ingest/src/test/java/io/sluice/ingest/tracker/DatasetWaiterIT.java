package io.sluice.ingest.tracker;

import io.sluice.schema.Messages;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wait that times out names what each sink misses and the row partitions that a transaction left open holds back
 * from the landers, or that there is no events topic at all, read from a real broker.
 */
@StackServers("kafka")
class DatasetWaiterIT
{
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_02");

    @Test
    void aTimeoutNamesTheTablesNotReadyAndTheOpenTransactionHoldingTheirRows(StackStatus stack)
            throws Exception
    {
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        String region = Topics.rows(DATASET, "region");
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            createIfMissing(admin, Topics.EVENTS);
            createIfMissing(admin, region);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(transactional(kafka), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.EVENTS, DATASET.toString().getBytes(StandardCharsets.UTF_8),
                    Messages.events().encode(new DatasetPlanned(DATASET, List.of("nation", "region"), 1, Optional.empty(), System.currentTimeMillis()))));
            producer.commitTransaction();
            // rows of a sub-chunk whose transaction stays open while the waiter waits
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(region, 0, new byte[4], new byte[] {1, 2, 3})).get();

            DatasetWaiter waiter = new DatasetWaiter(kafka, Topics.EVENTS);
            assertThatThrownBy(() -> waiter.await(DATASET, Set.of(Sink.PARQUET), Duration.ofSeconds(2), _ -> {}))
                    .isInstanceOf(DatasetWaitException.class)
                    .hasMessageContaining("tpch.sf0_02 is not ready in parquet after 2 s (ready in: none)")
                    .hasMessageContaining("parquet: tables not ready: nation, region; produced sub-chunks not landed: none")
                    .hasMessageMatching("(?s).*kafka: tpch\\.sf0_02\\.region-0 is readable \\(read_committed\\) to offset 0 of 1; open transactions: producer id \\d+ epoch \\d+ since offset 0 .*");

            producer.abortTransaction();
        }
        assertThat(OpenTransactions.describe(kafka, DATASET, List.of("nation", "region"), Duration.ofSeconds(30)))
                .as("nothing is open once the transaction is aborted; the missing nation topic has nothing open")
                .isEmpty();
    }

    @Test
    void aKafkaWithoutTheEventsTopicIsATimeoutThatSaysSo(StackStatus stack)
    {
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        DatasetWaiter waiter = new DatasetWaiter(kafka, "sluice.events.never-created");
        assertThatThrownBy(() -> waiter.await(DATASET, Set.of(Sink.PARQUET), Duration.ofSeconds(1), _ -> {}))
                .isInstanceOf(DatasetWaitException.class)
                .hasMessage("tpch.sf0_02 is not ready in parquet after 1 s: Kafka has no topic sluice.events.never-created (nothing has been generated or landed there)");
    }

    @Test
    void whileNoEventArrivesTheCallerStillHearsFromTheWait(StackStatus stack)
            throws Exception
    {
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        DatasetId quiet = DatasetId.parse("tpch.sf0_04");
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            createIfMissing(admin, Topics.EVENTS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.toClientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, quiet.toString().getBytes(StandardCharsets.UTF_8),
                    Messages.events().encode(new DatasetPlanned(quiet, List.of("region"), 1, Optional.empty(), System.currentTimeMillis())))).get();
        }
        AtomicInteger calls = new AtomicInteger();

        // as sluice run checks its landers there: one that stopped sends no event that would call it
        assertThatThrownBy(() -> new DatasetWaiter(kafka, Topics.EVENTS).await(quiet, Set.of(Sink.PARQUET), Duration.ofMinutes(5), _ -> {
            if (calls.incrementAndGet() == 3) {
                throw new IllegalStateException("the parquet lander stopped");
            }
        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the parquet lander stopped");
    }

    @Test
    void aGeneratorFailureThatARerunGotOverDoesNotFailTheWait(StackStatus stack)
            throws Exception
    {
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        DatasetId rerun = DatasetId.parse("tpch.sf0_03");
        DatasetId failed = DatasetId.parse("tpch.sf0_05");
        DatasetId broken = DatasetId.parse("tpch.sf0_06");
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            createIfMissing(admin, Topics.EVENTS);
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.toClientProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            // the first generation failed; the rerun announced the plan again, resumed and both sinks got the dataset
            send(producer, new DatasetPlanned(rerun, List.of("region"), 1, Optional.empty(), System.currentTimeMillis()));
            send(producer, new DatasetFailed(rerun, Optional.empty(), Optional.empty(), Optional.empty(), "generation failed: broker gone", System.currentTimeMillis()));
            send(producer, new DatasetPlanned(rerun, List.of("region"), 1, Optional.empty(), System.currentTimeMillis()));
            send(producer, new ChunkProduced(rerun, Benchmark.TPCH, rerun.scaleFactor(), "region", 1, 1, 1, 1, 5, 42, System.currentTimeMillis()));
            for (Sink sink : Sink.values()) {
                send(producer, new DatasetReady(rerun, sink, List.of("region"), 5, 100, 1, 10));
            }
            // a generator's failure nothing came after still ends the wait at once
            send(producer, new DatasetFailed(failed, Optional.empty(), Optional.empty(), Optional.empty(), "generation failed: disk full", System.currentTimeMillis()));
            // the tracker's failures name their sink and are final, whatever a generator does after them
            send(producer, new DatasetFailed(broken, Optional.of(Sink.PARQUET), Optional.of("region"), Optional.empty(), "produced twice differently", System.currentTimeMillis()));
            send(producer, new DatasetPlanned(broken, List.of("region"), 1, Optional.empty(), System.currentTimeMillis()));
            send(producer, new ChunkProduced(broken, Benchmark.TPCH, broken.scaleFactor(), "region", 1, 1, 1, 1, 5, 42, System.currentTimeMillis()));
        }
        DatasetWaiter waiter = new DatasetWaiter(kafka, Topics.EVENTS);
        assertThat(waiter.await(rerun, Set.of(Sink.values()), Duration.ofSeconds(30), _ -> {})).containsOnlyKeys(Sink.values());
        assertThatThrownBy(() -> waiter.await(failed, Set.of(Sink.values()), Duration.ofSeconds(30), _ -> {}))
                .isInstanceOf(DatasetWaitException.class)
                .hasMessage("tpch.sf0_05 failed: generation failed: disk full");
        assertThatThrownBy(() -> waiter.await(broken, Set.of(Sink.values()), Duration.ofSeconds(30), _ -> {}))
                .isInstanceOf(DatasetWaitException.class)
                .hasMessage("tpch.sf0_06 failed in parquet: produced twice differently");
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, PipelineEvent event)
            throws Exception
    {
        producer.send(new ProducerRecord<>(Topics.EVENTS, event.key().getBytes(StandardCharsets.UTF_8), Messages.events().encode(event))).get();
    }

    private static Map<String, Object> transactional(KafkaClientSettings kafka)
    {
        Map<String, Object> properties = new HashMap<>(kafka.toClientProperties());
        properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "dataset-waiter-it");
        return properties;
    }

    private static void createIfMissing(Admin admin, String topic)
            throws InterruptedException
    {
        try {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException(e);
            }
        }
    }
}
