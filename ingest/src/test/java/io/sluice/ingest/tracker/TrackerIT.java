package io.sluice.ingest.tracker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ops.kafka.FailingProducers;
import io.sluice.ops.kafka.FailingProducers.Failure;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.event.TableReady;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tracker on a real broker, fed by the real generator. The landers are stood in for by an echo that
 * answers every {@code ChunkProduced} with a matching {@code ChunkLanded} per sink (some twice); the
 * end-to-end run with the real landers, Trino and ClickHouse counts is the pipeline IT's.
 */
@StackServers("kafka")
class TrackerIT
{
    private static final DatasetId DATASET = new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.01"));
    private static final long TPCH_SF0_01_ROWS = 60_175L + 15_000 + 1_500 + 2_000 + 8_000 + 100 + 25 + 5;

    private final MessageCodec<PipelineEvent> events = Messages.events();

    @TempDir
    Path stateDir;

    @Test
    void bothSinksReadyOnceAcrossARestart(StackStatus stack)
            throws Exception
    {
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        TrackerSettings settings = TrackerSettings.defaults(kafka)
                .withApplicationId("tracker-it")
                .withStateDir(stateDir.resolve("first"))
                .withCheckInterval(Duration.ofSeconds(1));
        GenerationSummary generated;
        List<DatasetProgress> progress = new ArrayList<>();
        Map<Sink, DatasetReady> ready;
        long start = System.nanoTime();
        try (RunningTracker tracker = CompletionTracker.start(settings, new SimpleMeterRegistry())) {
            generated = new DatasetGenerator(GeneratorSettings.defaults(kafka, Benchmark.TPCH, DATASET.scaleFactor())
                    .withParts(2, Optional.empty()).withSubChunkRows(20_000), _ -> {}, new SimpleMeterRegistry()).run();
            List<ChunkProduced> produced = producedChunks(kafka);
            echoLandings(kafka, produced);
            ready = new DatasetWaiter(kafka, Topics.EVENTS).await(DATASET, Set.of(Sink.PARQUET, Sink.CLICKHOUSE), Duration.ofMinutes(2), progress::add);
            assertThat(tracker.failure()).isEmpty();
            tracker.awaitRunning(Duration.ofMinutes(1));
            assertThat(tracker.readiness().ready()).as(tracker.readiness().detail()).isTrue();
        }
        System.out.printf("generated and tracked %s in %d ms%n", DATASET, (System.nanoTime() - start) / 1_000_000);
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            assertThat(admin.describeConsumerGroups(List.of(settings.applicationId())).all().get().get(settings.applicationId()).members())
                    .as("a closed tracker left its group, so that the next one need not wait out its session").isEmpty();
        }

        assertThat(generated.rows()).isEqualTo(TPCH_SF0_01_ROWS);
        assertThat(ready.values()).allSatisfy(event -> {
            assertThat(event.rows()).isEqualTo(TPCH_SF0_01_ROWS);
            assertThat(event.tables()).containsExactlyInAnyOrderElementsOf(Benchmark.TPCH.tables());
            assertThat(event.bytes()).isEqualTo(TPCH_SF0_01_ROWS * 10);
        });
        assertThat(progress.getLast().producedRows()).isEqualTo(TPCH_SF0_01_ROWS);
        assertThat(progress.getLast().landedRows()).containsEntry(Sink.PARQUET, TPCH_SF0_01_ROWS).containsEntry(Sink.CLICKHOUSE, TPCH_SF0_01_ROWS);

        // a restarted tracker with an empty local state dir restores its stores from the changelogs:
        // landings read again do not make anything ready a second time
        echoLandings(kafka, producedChunks(kafka).subList(0, 3));
        try (RunningTracker tracker = CompletionTracker.start(settings.withStateDir(stateDir.resolve("second")), new SimpleMeterRegistry())) {
            awaitCaughtUp(kafka, settings.applicationId());
            assertThat(tracker.failure()).isEmpty();
        }
        List<PipelineEvent> outcomes = datasetEvents(kafka).stream().filter(event -> event instanceof TableReady || event instanceof DatasetReady).toList();
        assertThat(outcomes.stream().filter(DatasetReady.class::isInstance).map(event -> ((DatasetReady) event).sink()).toList())
                .containsExactlyInAnyOrder(Sink.PARQUET, Sink.CLICKHOUSE);
        Map<Sink, Long> tablesReady = outcomes.stream().filter(TableReady.class::isInstance).map(TableReady.class::cast)
                .collect(Collectors.groupingBy(TableReady::sink, Collectors.counting()));
        assertThat(tablesReady).isEqualTo(Map.of(Sink.PARQUET, 8L, Sink.CLICKHOUSE, 8L));
    }

    @Test
    void bothSinksReadyOnceWhenItsProducersFailForGood(StackStatus stack)
            throws Exception
    {
        DatasetId dataset = new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.03"));
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        TrackerSettings settings = TrackerSettings.defaults(kafka)
                .withApplicationId("tracker-it-producers")
                .withStateDir(stateDir.resolve("producers"))
                .withCheckInterval(Duration.ofSeconds(1));
        // The first stream thread's producer fails before its second commit reaches Kafka. Once: each replaced
        // thread waits out its predecessor's session in the group (the session timeout), as a dying stream thread
        // does not leave it.
        FailingProducers producers = new FailingProducers(FailingProducers.once(1, 2, Failure.BEFORE_COMMIT),
                () -> new InvalidTxnStateException("injected: state is COMPLETE_COMMIT, but received transaction marker result to send: COMMIT"));
        try (RunningTracker tracker = CompletionTracker.start(settings, new SimpleMeterRegistry(), producers)) {
            GenerationSummary generated = new DatasetGenerator(GeneratorSettings.defaults(kafka, Benchmark.TPCH, dataset.scaleFactor())
                    .withParts(2, Optional.empty()).withSubChunkRows(5_000), _ -> {}, new SimpleMeterRegistry()).run();
            echoLandings(kafka, producedChunks(kafka, dataset));
            Map<Sink, DatasetReady> ready = new DatasetWaiter(kafka, Topics.EVENTS).await(dataset, Set.of(Sink.PARQUET, Sink.CLICKHOUSE), Duration.ofMinutes(2), _ -> {});

            assertThat(ready.values()).allSatisfy(event -> assertThat(event.rows()).isEqualTo(generated.rows()));
            awaitCaughtUp(kafka, settings.applicationId());
            assertThat(tracker.failure()).isEmpty();
            assertThat(producers.created()).isEqualTo(2);
        }
        List<PipelineEvent> outcomes = datasetEvents(kafka, dataset).stream().filter(event -> event instanceof TableReady || event instanceof DatasetReady).toList();
        assertThat(outcomes.stream().filter(DatasetReady.class::isInstance).map(event -> ((DatasetReady) event).sink()).toList())
                .containsExactlyInAnyOrder(Sink.PARQUET, Sink.CLICKHOUSE);
        assertThat(outcomes.stream().filter(TableReady.class::isInstance).map(TableReady.class::cast).collect(Collectors.groupingBy(TableReady::sink, Collectors.counting())))
                .isEqualTo(Map.of(Sink.PARQUET, 8L, Sink.CLICKHOUSE, 8L));
    }

    @Test
    void aStateDirLeftByAnotherKafkaClusterIsNotReused(StackStatus stack)
            throws Exception
    {
        // what `sluice down; sluice up; sluice run` does: the same dataset, the same state dir, a newly formatted Kafka
        DatasetId dataset = new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.05"));
        Path sharedStateDir = stateDir.resolve("clusters");
        KafkaClientSettings first = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        assertThat(trackOnce(first, dataset, sharedStateDir)).as("on the first cluster").containsOnlyKeys(Sink.PARQUET, Sink.CLICKHOUSE);

        StackSettings secondStack = new StackSettings(stateDir.resolve("second-cluster"), List.of("kafka"), Map.of(), StackSettings.DEFAULT_BUCKET,
                StackSettings.DEFAULT_START_TIMEOUT);
        try (LocalStack second = LocalStack.startAttached(secondStack)) {
            KafkaClientSettings kafka = KafkaClientSettings.plaintext(second.status().endpoint("kafka", "bootstrapServers"));
            Map<Sink, DatasetReady> ready = trackOnce(kafka, dataset, sharedStateDir);
            assertThat(ready.values()).as("on the second cluster, with the first cluster's state dir").hasSize(2)
                    .allSatisfy(event -> assertThat(event.tables()).containsExactlyInAnyOrder("nation", "region"));
        }
    }

    @Test
    void aTrackerBackAfterItsLandTimeoutCountsTheLandingsWrittenWhileItWasDown(StackStatus stack)
            throws Exception
    {
        DatasetId dataset = new DatasetId(Benchmark.TPCH, ScaleFactor.parse("0.07"));
        String topic = "it.tracker.backlog";
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers"));
        TrackerSettings settings = TrackerSettings.defaults(kafka)
                .withApplicationId("tracker-it-backlog")
                .withStateDir(stateDir.resolve("backlog"))
                .withEventsTopic(topic)
                .withLandTimeout(Duration.ofSeconds(12))
                .withCheckInterval(Duration.ofSeconds(1));
        ChunkProduced produced = new ChunkProduced(dataset, "nation", 1, 1, 1, 1, 25, 77, System.currentTimeMillis());
        long seen;
        try (RunningTracker tracker = CompletionTracker.start(settings, new SimpleMeterRegistry());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.toClientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            tracker.awaitRunning(Duration.ofMinutes(1));
            seen = System.currentTimeMillis();
            for (PipelineEvent event : List.of(new DatasetPlanned(dataset, List.of("nation"), 1, Optional.empty(), seen), produced, landed(produced, Sink.PARQUET, seen))) {
                producer.send(new ProducerRecord<>(topic, event.key(), events.encode(event))).get();
            }
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> datasetEvents(kafka, topic, dataset).stream().anyMatch(DatasetReady.class::isInstance));
        }
        assertThat(datasetEvents(kafka, topic, dataset)).as("stopped before the chunk's deadline").noneMatch(DatasetFailed.class::isInstance);
        // while it is down, ClickHouse lands the chunk within its time, after many events the tracker reads and skips (in
        // the same partition: keyed by the dataset)
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.toClientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            byte[] skipped = events.encode(new TableReady(dataset, "region", Sink.CLICKHOUSE, 1, 5, 55, 500, 1, seen + 1));
            for (int i = 0; i < 300_000; i++) {
                producer.send(new ProducerRecord<>(topic, null, seen + 1, dataset.toString(), skipped));
            }
            ChunkLanded landed = landed(produced, Sink.CLICKHOUSE, seen + 2);
            producer.send(new ProducerRecord<>(topic, null, seen + 2, landed.key(), events.encode(landed))).get();
        }
        // back after the chunk's deadline
        Thread.sleep(Math.max(0, seen + settings.landTimeout().toMillis() + 1_000 - System.currentTimeMillis()));
        try (RunningTracker tracker = CompletionTracker.start(settings, new SimpleMeterRegistry())) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                    .until(() -> datasetEvents(kafka, topic, dataset).stream().filter(event -> event instanceof DatasetReady || event instanceof DatasetFailed).count() == 2);
            assertThat(tracker.failure()).isEmpty();
        }
        assertThat(datasetEvents(kafka, topic, dataset)).filteredOn(event -> event instanceof DatasetReady || event instanceof DatasetFailed)
                .allSatisfy(event -> assertThat(event).isInstanceOf(DatasetReady.class))
                .extracting(event -> ((DatasetReady) event).sink()).containsExactlyInAnyOrder(Sink.PARQUET, Sink.CLICKHOUSE);
    }

    private static ChunkLanded landed(ChunkProduced chunk, Sink sink, long landedAtMs)
    {
        return new ChunkLanded(chunk.dataset(), chunk.table(), chunk.part(), chunk.parts(), chunk.subChunk(), chunk.subChunks(), sink,
                chunk.rows(), chunk.checksum(), List.of(chunk.table() + "-" + chunk.part()), chunk.rows() * 10, landedAtMs);
    }

    /** Generates nation and region of {@code dataset}, echoes their landings and waits for both sinks' readiness. */
    private Map<Sink, DatasetReady> trackOnce(KafkaClientSettings kafka, DatasetId dataset, Path trackerStateDir)
            throws Exception
    {
        TrackerSettings settings = TrackerSettings.defaults(kafka)
                .withApplicationId("tracker-it-clusters")
                .withStateDir(trackerStateDir)
                .withCheckInterval(Duration.ofSeconds(1));
        try (RunningTracker tracker = CompletionTracker.start(settings, new SimpleMeterRegistry())) {
            new DatasetGenerator(GeneratorSettings.defaults(kafka, Benchmark.TPCH, dataset.scaleFactor()).withTables(List.of("nation", "region")),
                    _ -> {}, new SimpleMeterRegistry()).run();
            echoLandings(kafka, producedChunks(kafka, dataset));
            Map<Sink, DatasetReady> ready = new DatasetWaiter(kafka, Topics.EVENTS).await(dataset, Set.of(Sink.PARQUET, Sink.CLICKHOUSE), Duration.ofMinutes(1), _ -> {});
            assertThat(tracker.failure()).isEmpty();
            return ready;
        }
    }

    /** Lands every chunk in both sinks with its produced rows and checksum, ClickHouse twice. */
    private void echoLandings(KafkaClientSettings kafka, List<ChunkProduced> produced)
    {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.toClientProperties(), new StringSerializer(), new ByteArraySerializer())) {
            for (ChunkProduced chunk : produced) {
                for (Sink sink : List.of(Sink.PARQUET, Sink.CLICKHOUSE, Sink.CLICKHOUSE)) {
                    ChunkLanded landed = landed(chunk, sink, System.currentTimeMillis());
                    producer.send(new ProducerRecord<>(Topics.EVENTS, landed.key(), events.encode(landed)));
                }
            }
        }
    }

    private List<ChunkProduced> producedChunks(KafkaClientSettings kafka)
    {
        return producedChunks(kafka, DATASET);
    }

    private List<ChunkProduced> producedChunks(KafkaClientSettings kafka, DatasetId dataset)
    {
        return datasetEvents(kafka, dataset).stream().filter(ChunkProduced.class::isInstance).map(ChunkProduced.class::cast).toList();
    }

    private List<PipelineEvent> datasetEvents(KafkaClientSettings kafka)
    {
        return datasetEvents(kafka, DATASET);
    }

    private List<PipelineEvent> datasetEvents(KafkaClientSettings kafka, DatasetId dataset)
    {
        return datasetEvents(kafka, Topics.EVENTS, dataset);
    }

    private List<PipelineEvent> datasetEvents(KafkaClientSettings kafka, String topic, DatasetId dataset)
    {
        Map<String, Object> properties = kafka.toClientProperties();
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<PipelineEvent> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (dataset.toString().equals(record.key())) {
                        found.add(events.decode(record.value()));
                    }
                });
            }
        }
        return found;
    }

    /** Waits until the tracker's group has committed up to the end of every events partition. */
    private static void awaitCaughtUp(KafkaClientSettings kafka, String applicationId)
    {
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream().collect(Collectors.toMap(partition -> partition, _ -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                // the end offset counts transaction markers; the tracker's commit is at most one marker behind
                return !committed.isEmpty() && committed.entrySet().stream().allMatch(entry -> ends.get(entry.getKey()).offset() - entry.getValue().offset() <= 1);
            });
        }
    }
}
