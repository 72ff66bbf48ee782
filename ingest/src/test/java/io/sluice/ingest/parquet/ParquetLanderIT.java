package io.sluice.ingest.parquet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.lander.BatchKey;
import io.sluice.ingest.lander.BatchResult;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.OpenBatch;
import io.sluice.ingest.lander.RetryableSinkException;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.parquet.ParquetLayout;
import io.sluice.loaders.parquet.ParquetObjects;
import io.sluice.loaders.parquet.ParquetSettings;
import io.sluice.loaders.s3.ObjectStore;
import io.sluice.loaders.s3.S3Settings;
import io.sluice.loaders.s3.StoredObject;
import io.sluice.loaders.trino.TrinoTableRegistrar;
import io.sluice.schema.Folders;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.ChunkMarker;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.table.TableSchemas;
import io.sluice.schema.topic.Topics;
import io.sluice.schema.codec.RowBlock;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.kafka.PartKey;
import io.sluice.schema.kafka.TopicReplay;
import io.sluice.schema.row.RowCodec;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.ChildJvm;
import io.sluice.stack.junit.StackServers;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@StackServers({"kafka", "s3", "clickhouse", "trino"})
class ParquetLanderIT
{
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_01");
    // TPC-H specification row counts at scale factor 0.01
    private static final Map<String, Long> ROWS = Map.of(
            "lineitem", 60_175L, "orders", 15_000L, "customer", 1_500L, "part", 2_000L,
            "partsupp", 8_000L, "supplier", 100L, "nation", 25L, "region", 5L);
    private static final List<String> TABLES = TableSchemas.tables(Benchmark.TPCH);
    // undecodable records put on a row topic's partition 0: five at its head, before the generator's chunks, and
    // one after its last chunk, which no row or marker follows
    private static final String POISONED_TOPIC = Topics.rows(DATASET, "nation");
    // offset at the head → the reason of each dead letter it gives (a row block gives one per bad row)
    private static final Map<Long, List<String>> HEAD_POISON_REASONS = Map.of(0L, List.of("BAD_MAGIC"), 1L, List.of("MALFORMED_PAYLOAD"), 2L, List.of("BAD_KEY"),
            3L, List.of("MALFORMED_PAYLOAD", "MALFORMED_PAYLOAD"), 4L, List.of("TRUNCATED"));
    private static final String TAIL_POISON_REASON = "BAD_KEY";
    private static final Duration S3_OUTAGE = Duration.ofSeconds(10);

    private static Map<String, ChunkChecksum> generated;
    private static Map<Long, List<String>> poisonReasons;

    @BeforeAll
    static void generate(StackStatus stack)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        poison(bootstrap);
        GeneratorSettings settings = GeneratorSettings.defaults(KafkaClientSettings.plaintext(bootstrap), DATASET.benchmark(), DATASET.scaleFactor())
                .withParts(3, Optional.empty())
                .withSubChunkRows(4_000);
        new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry()).run();
        poisonReasons = new HashMap<>(HEAD_POISON_REASONS);
        poisonReasons.put(poisonTail(bootstrap), List.of(TAIL_POISON_REASON));
        generated = LandedDataset.produced(LandedDataset.events(bootstrap, DATASET));
        ROWS.forEach((table, rows) -> assertThat(generated.get(table).rows()).as(table).isEqualTo(rows));
    }

    @Test
    void landsExactlyOnceAndEveryReaderSeesTheGeneratedRows(StackStatus stack, @TempDir Path scratch)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        S3Settings s3 = s3(stack, stack.endpoint("s3", "bucket"));
        // small batches: sub-chunks of 4,000 rows are cut into several objects, so open sub-chunks cross commits
        LanderSettings lander = landerSettings(bootstrap, "it-parquet").withBatchRows(1_500);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // the other tests' landings put the poisoned records on the DLQ too
        Map<TopicPartition, Long> deadLettersBefore = deadLetterEnds(bootstrap);

        try (RunningLander running = ParquetLander.run(lander, ParquetSettings.defaults(s3).withSpillDirectory(scratch.resolve("spill")), registry)) {
            awaitCaughtUp(bootstrap, "it-parquet");
            assertThat(running.failure()).isEmpty();
        }

        List<PipelineEvent> events = LandedDataset.events(bootstrap, DATASET);
        Map<String, ChunkProduced> produced = events.stream().filter(ChunkProduced.class::isInstance).map(ChunkProduced.class::cast)
                .collect(Collectors.toMap(ParquetLanderIT::subChunk, Function.identity()));
        Map<String, List<ChunkLanded>> landed = events.stream().filter(ChunkLanded.class::isInstance).map(ChunkLanded.class::cast)
                .filter(event -> event.sink() == Sink.PARQUET)
                .collect(Collectors.groupingBy(ParquetLanderIT::subChunk));
        assertThat(landed.keySet()).isEqualTo(produced.keySet());
        // every complete landing (this test's and the replica test's) emits each sub-chunk once
        assertThat(landed.values().stream().map(List::size).distinct()).hasSize(1);
        produced.forEach((key, chunk) -> assertThat(landed.get(key)).allSatisfy(event -> {
            assertThat(event.rows()).as(key).isEqualTo(chunk.rows());
            assertThat(event.checksum()).as(key).isEqualTo(chunk.checksum());
            // an empty sub-chunk (a part with no rows of a small table) lands no object
            assertThat(event.objects()).as(key).hasSize(chunk.rows() == 0 ? 0 : event.objects().size())
                    .allSatisfy(object -> assertThat(object).startsWith(ParquetLayout.tablePrefix(DATASET, chunk.table())));
            assertThat(event.objects().isEmpty()).as(key).isEqualTo(chunk.rows() == 0);
        }));
        assertThat(registry.get("sluice.rows.landed").tag("table", "lineitem").counter().count()).isEqualTo(60_175);
        poisonReasons.values().stream().flatMap(List::stream).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                .forEach((reason, count) -> assertThat(registry.get("sluice.dlq.records").tag("topic", POISONED_TOPIC).tag("reason", reason).counter().count())
                        .as(reason).isEqualTo(count.doubleValue()));
        assertDeadLetters(bootstrap, deadLettersBefore);

        try (ObjectStore store = new ObjectStore(s3)) {
            assertReadBack(store, scratch);
        }
        assertTrino(stack, s3.bucket());
        assertClickHouse(stack, s3);
    }

    @Test
    void replicasShareThePartitionsEvenlyAndAKilledOnesGoToTheOtherWithoutLossOrDuplicates(StackStatus stack, @TempDir Path scratch)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        String group = "it-parquet-replicas";
        // a bucket of its own, created by the landers
        S3Settings s3 = s3(stack, "sluice-replicas");
        Map<String, String> environment = new HashMap<>();
        environment.put(KafkaClientSettings.BOOTSTRAP_SERVERS_ENV, bootstrap);
        environment.put(LanderSettings.SOURCES_ENV, DATASET.toString());
        environment.put(LanderSettings.GROUP_ID_ENV, group);
        environment.put(LanderSettings.BATCH_ROWS_ENV, "500");
        environment.put(S3Settings.ENDPOINT_ENV, s3.endpoint().toString());
        environment.put(S3Settings.BUCKET_ENV, s3.bucket());
        environment.put(S3Settings.REGION_ENV, s3.region());
        environment.put(S3Settings.ACCESS_KEY_ENV, s3.accessKey());
        environment.put(S3Settings.SECRET_KEY_ENV, s3.secretKey());

        try (ObjectStore store = new ObjectStore(s3)) {
            Process killed = startLander(replica(environment, scratch, "a"), scratch.resolve("lander-a.log"));
            Process survivor = startLander(replica(environment, scratch, "b"), scratch.resolve("lander-b.log"));
            try {
                await().atMost(Duration.ofMinutes(2)).until(() -> {
                    if (!killed.isAlive() || !survivor.isAlive()) {
                        return true;
                    }
                    List<Integer> members = assignedPerMember(bootstrap, group);
                    return members.size() == 2 && !members.contains(0) && objectCount(store) >= 20;
                });
                assertThat(killed.isAlive()).as("lander a still running; see " + scratch.resolve("lander-a.log")).isTrue();
                assertThat(survivor.isAlive()).as("lander b still running; see " + scratch.resolve("lander-b.log")).isTrue();
                // range, the clients' default, deals out each topic on its own in member order: one member got 8 of
                // the 9 partitions
                List<Integer> assigned = assignedPerMember(bootstrap, group);
                assertThat(Math.abs(assigned.getFirst() - assigned.getLast())).as("partitions per member: %s", assigned).isLessThanOrEqualTo(1);

                killed.destroyForcibly().waitFor();
                assertThat(caughtUp(bootstrap, group)).isFalse();
                // the group gives the killed member's partitions to the other once its session times out
                awaitCaughtUp(bootstrap, group);
            }
            finally {
                killed.destroyForcibly().waitFor();
                survivor.destroy();
                survivor.waitFor();
            }
            assertThat(store.list("")).allSatisfy(object -> assertThat(object.key()).endsWith(ParquetLayout.SUFFIX));
            assertReadBack(store, scratch);
        }
    }

    @Test
    void landsExactlyThroughAnS3Outage(StackStatus stack, LocalStack servers, @TempDir Path scratch)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        S3Settings s3 = s3(stack, "sluice-outage");
        // many small objects, so the store goes down while the lander is busy
        LanderSettings lander = landerSettings(bootstrap, "it-parquet-outage").withBatchRows(200);
        Map<String, Long> landedBefore = landedPerSubChunk(LandedDataset.events(bootstrap, DATASET));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (ObjectStore store = new ObjectStore(s3);
                RunningLander running = ParquetLander.run(lander, ParquetSettings.defaults(s3).withSpillDirectory(scratch.resolve("spill")), registry)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> running.failure().isPresent() || objectCount(store) >= 10);
            servers.stop("s3");
            try {
                assertThat(caughtUp(bootstrap, "it-parquet-outage")).as("the lander finished before the store went down").isFalse();
                Thread.sleep(S3_OUTAGE);
                assertThat(running.failure()).isEmpty();
                assertThat(registry.get("sluice.retries").counter().count()).isPositive();
                assertThat(caughtUp(bootstrap, "it-parquet-outage")).isFalse();
            }
            finally {
                servers.restart("s3");
            }
            awaitCaughtUp(bootstrap, "it-parquet-outage");
            assertThat(running.failure()).isEmpty();
            assertThat(store.list("")).allSatisfy(object -> assertThat(object.key()).endsWith(ParquetLayout.SUFFIX));
            assertReadBack(store, scratch);
        }

        // this run landed every sub-chunk exactly once, with the generator's rows and checksum
        List<PipelineEvent> events = LandedDataset.events(bootstrap, DATASET);
        Map<String, Long> landedAfter = landedPerSubChunk(events);
        events.stream().filter(ChunkProduced.class::isInstance).map(ChunkProduced.class::cast).forEach(chunk ->
                assertThat(landedAfter.get(subChunk(chunk)) - landedBefore.getOrDefault(subChunk(chunk), 0L)).as(subChunk(chunk)).isEqualTo(1));
        Map<String, ChunkLanded> last = new HashMap<>();
        events.stream().filter(ChunkLanded.class::isInstance).map(ChunkLanded.class::cast).filter(event -> event.sink() == Sink.PARQUET)
                .forEach(event -> last.put(subChunk(event), event));
        events.stream().filter(ChunkProduced.class::isInstance).map(ChunkProduced.class::cast).forEach(chunk -> {
            assertThat(last.get(subChunk(chunk)).rows()).as(subChunk(chunk)).isEqualTo(chunk.rows());
            assertThat(last.get(subChunk(chunk)).checksum()).as(subChunk(chunk)).isEqualTo(chunk.checksum());
        });
    }

    @Test
    void aSpillFileThatCannotBeCreatedFailsTheBatchForARetryNotTheLander(StackStatus stack, @TempDir Path scratch)
            throws Exception
    {
        String topic = Topics.rows(DATASET, "region");
        List<ByteBuffer> payloads = new ArrayList<>();
        TopicReplay.readToEnd(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.endpoint("kafka", "bootstrapServers")), topic, Duration.ofMinutes(1),
                new ByteArrayDeserializer(), record -> {
                    if (!ChunkMarker.isMarker(record.headers())) {
                        payloads.addAll(RowBlock.read(record.value()).payloads());
                    }
                });
        S3Settings s3 = s3(stack, "sluice-spill");
        ParquetSettings parquet = ParquetSettings.defaults(s3).withSpillDirectory(scratch.resolve("spill"));
        Path spill = parquet.spillDirectory();
        ObjectStore store = new ObjectStore(s3);
        try (ParquetSinkWriter writer = new ParquetSinkWriter(store, new ParquetObjects(store, parquet.format(), spill, parquet.partBytes()))) {
            Schema schema = TableSchemas.schema(Benchmark.TPCH, "region");
            BatchKey key = new BatchKey(DATASET, "region", topic, 0, 0);
            // a file where the writer's spill folder was: no spill file can be created, as on a full or read-only disk
            List<Path> folders;
            try (Stream<Path> entries = Files.list(spill)) {
                folders = entries.toList();
            }
            assertThat(folders).as("the writer's own spill folder").hasSize(1);
            Path folder = folders.getFirst();
            Folders.delete(folder);
            Files.createFile(folder);
            OpenBatch failing = writer.open(key, schema);
            assertThatThrownBy(() -> failing.append(payloads.getFirst()))
                    .isInstanceOf(RetryableSinkException.class)
                    .hasMessageContaining("region");
            failing.abort();

            Files.delete(folder);
            Files.createDirectory(folder);
            OpenBatch retried = writer.open(key, schema);
            payloads.forEach(retried::append);
            BatchResult result = retried.complete(payloads.size());

            assertThat(result.rows()).isEqualTo(payloads.size()).isEqualTo(ROWS.get("region"));
            assertThat(store.list("")).singleElement().satisfies(object -> assertThat(object.key()).isEqualTo(result.objects().getFirst()));
        }
    }

    @Test
    void benchmarkMeasuresTheCeilingAndTheLanderOnTheSameRows(StackStatus stack, @TempDir Path scratch)
    {
        // another dataset, so this test's topic and objects stay apart from the others'
        DatasetId dataset = DatasetId.parse("tpch.sf0_1");
        S3Settings s3 = s3(stack, "sluice-bench");
        GeneratorSettings generator = GeneratorSettings.defaults(KafkaClientSettings.plaintext(stack.endpoint("kafka", "bootstrapServers")), dataset.benchmark(),
                dataset.scaleFactor()).withTables(List.of("customer"));
        ParquetLanderBenchmark.Report report = ParquetLanderBenchmark.run(generator, ParquetSettings.defaults(s3).withSpillDirectory(scratch.resolve("spill")), "customer",
                Duration.ofMinutes(2));

        // TPC-H: 150,000 customers per unit of scale factor
        assertThat(List.of(report.generate(), report.ceiling(), report.lander())).allSatisfy(measurement -> {
            assertThat(measurement.rows()).isEqualTo(15_000);
            assertThat(measurement.payloadBytes()).isEqualTo(report.generate().payloadBytes()).isPositive();
            assertThat(measurement.cpu()).isPositive();
            assertThat(measurement.rowsPerCoreSecond()).isPositive();
        });
        assertThat(report.ceiling().objectBytes()).isPositive();
        assertThat(report.lander().objectBytes()).isPositive();
        assertThat(report.ratio()).isPositive().isFinite();
        try (ObjectStore landed = new ObjectStore(s3);
                ObjectStore ceiling = new ObjectStore(new S3Settings(s3.endpoint(), "sluice-bench-ceiling", s3.region(), s3.accessKey(), s3.secretKey(), false))) {
            assertThat(landed.list(ParquetLayout.tablePrefix(dataset, "customer"))).isNotEmpty();
            assertThat(ceiling.list(ParquetLayout.tablePrefix(dataset, "customer"))).isNotEmpty();
        }
    }

    private static Map<String, Long> landedPerSubChunk(List<PipelineEvent> events)
    {
        return events.stream().filter(ChunkLanded.class::isInstance).map(ChunkLanded.class::cast).filter(event -> event.sink() == Sink.PARQUET)
                .collect(Collectors.groupingBy(ParquetLanderIT::subChunk, Collectors.counting()));
    }

    /**
     * Puts undecodable records at the head of partition 0 of the nation topic, before the generator's first
     * chunk there: a value that is neither a row block nor a single-object message, a payload that does not
     * decode, a bad key, a row block of two rows that do not decode, a row block whose second row runs past its end.
     */
    private static void poison(String bootstrap)
            throws Exception
    {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(POISONED_TOPIC, 2, (short) 1))).all().get();
        }
        long fingerprint = RowCodec.forTable(Benchmark.TPCH, "nation").fingerprint();
        byte[] header = SingleObjectEncoding.header(fingerprint);
        byte[] truncatedRow = Arrays.copyOf(header, header.length + 3);
        Arrays.fill(truncatedRow, header.length, truncatedRow.length, (byte) 0xFF);
        RowBlock.Writer block = new RowBlock.Writer(fingerprint, 64);
        block.add(ByteBuffer.wrap(truncatedRow, header.length, 3));
        block.add(ByteBuffer.wrap(truncatedRow, header.length, 2));
        byte[] badRows = block.finish();
        byte[] badFraming = Arrays.copyOf(badRows, badRows.length - 1);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(POISONED_TOPIC, 0, PartKey.encode(1), "not a row at all".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(POISONED_TOPIC, 0, PartKey.encode(1), truncatedRow)).get();
            producer.send(new ProducerRecord<>(POISONED_TOPIC, 0, new byte[] {1}, truncatedRow)).get();
            producer.send(new ProducerRecord<>(POISONED_TOPIC, 0, PartKey.encode(1), badRows)).get();
            producer.send(new ProducerRecord<>(POISONED_TOPIC, 0, PartKey.encode(1), badFraming)).get();
        }
    }

    /**
     * Puts a record without a key after the generator's last chunk on partition 0 of the nation topic: the
     * lander must land it as a dead letter although no row or marker comes after it.
     *
     * @return its offset
     */
    private static long poisonTail(String bootstrap)
            throws Exception
    {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(POISONED_TOPIC, 0, null, "a stray record".getBytes(StandardCharsets.UTF_8))).get().offset();
        }
    }

    private static Map<TopicPartition, Long> deadLetterEnds(String bootstrap)
    {
        try (KafkaConsumer<byte[], byte[]> consumer = deadLetterReader(bootstrap)) {
            return consumer.endOffsets(consumer.partitionsFor(Topics.DLQ).stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList());
        }
    }

    private static KafkaConsumer<byte[], byte[]> deadLetterReader(String bootstrap)
    {
        Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The poisoned records are on the DLQ once after {@code from} (one landing) with their bytes, reason and source
     * position.
     */
    private static void assertDeadLetters(String bootstrap, Map<TopicPartition, Long> from)
    {
        Map<Long, List<String>> reasons = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = deadLetterReader(bootstrap)) {
            List<TopicPartition> partitions = List.copyOf(from.keySet());
            consumer.assign(partitions);
            from.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!POISONED_TOPIC.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    assertThat(header(record, Topics.DLQ_SOURCE_PARTITION_HEADER)).isEqualTo("0");
                    long offset = Long.parseLong(header(record, Topics.DLQ_SOURCE_OFFSET_HEADER));
                    reasons.computeIfAbsent(offset, _ -> new ArrayList<>()).add(header(record, Topics.DLQ_REASON_HEADER));
                    if (offset == 0) {
                        assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("not a row at all");
                    }
                    if (offset == 3) {
                        // each bad row of a block goes alone, as its single-object message
                        assertThat(RowBlock.read(record.value()).payloads()).hasSize(1);
                        assertThat(RowBlock.read(record.value()).fingerprint()).isEqualTo(RowCodec.forTable(Benchmark.TPCH, "nation").fingerprint());
                        assertThat(record.value()[0]).isEqualTo((byte) 0xC3);
                    }
                }
            }
        }
        assertThat(reasons.keySet()).isEqualTo(poisonReasons.keySet());
        poisonReasons.forEach((offset, codes) -> assertThat(reasons.get(offset)).as("offset %d", offset).hasSize(codes.size()));
        assertThat(reasons.get(0L)).singleElement().asString().contains("single-object marker");
        assertThat(reasons.get(1L)).singleElement().asString().contains("does not decode");
        assertThat(reasons.get(2L)).singleElement().asString().contains("part number");
        assertThat(reasons.get(3L)).satisfiesExactlyInAnyOrder(
                reason -> assertThat(reason).startsWith("MALFORMED_PAYLOAD: ").endsWith("(row 1 of 2 in the record)"),
                reason -> assertThat(reason).startsWith("MALFORMED_PAYLOAD: ").endsWith("(row 2 of 2 in the record)"));
        assertThat(reasons.get(4L)).singleElement().asString().contains("row 2 of the row block claims 2 bytes, 1 are left");
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name)
    {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static void assertReadBack(ObjectStore store, Path scratch)
            throws Exception
    {
        for (String table : TABLES) {
            ChunkChecksum read = LandedDataset.readBack(store, DATASET, table, scratch);
            assertThat(read.rows()).as(table).isEqualTo(ROWS.get(table));
            assertThat(read.value()).as(table).isEqualTo(generated.get(table).value());
        }
    }

    private static void assertTrino(StackStatus stack, String bucket)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "sluice-it");
        try (Connection connection = DriverManager.getConnection(stack.endpoint("trino", "jdbcUrl"), properties);
                Statement statement = connection.createStatement()) {
            TrinoTableRegistrar registrar = new TrinoTableRegistrar(connection, "hive", bucket);
            for (String table : TABLES) {
                String landed = registrar.register(DATASET, table);
                assertThat(longValue(statement, "SELECT count(*) FROM " + landed)).as(table).isEqualTo(ROWS.get(table));
                // the same rows as Trino's own TPC-H generator, column by column, in the declared types
                Schema schema = TableSchemas.schema(DATASET.benchmark(), table);
                String reference = "SELECT %s FROM tpch.tiny.%s".formatted(schema.getFields().stream()
                        .map(field -> "CAST(%s AS %s)".formatted(field.name(), field.getProp(TableSchemas.SQL_TYPE_PROPERTY).replaceFirst("^char", "varchar")))
                        .collect(Collectors.joining(", ")), table);
                assertThat(longValue(statement, "SELECT count(*) FROM (%s EXCEPT SELECT * FROM %s)".formatted(reference, landed))).as(table).isZero();
                assertThat(longValue(statement, "SELECT count(*) FROM (SELECT * FROM %s EXCEPT %s)".formatted(landed, reference))).as(table).isZero();
            }
            try (ResultSet columns = statement.executeQuery("SELECT data_type FROM hive.information_schema.columns WHERE table_schema = 'tpch_sf0_01' AND table_name = 'lineitem' AND column_name IN ('l_extendedprice', 'l_shipdate') ORDER BY column_name")) {
                List<String> types = new ArrayList<>();
                while (columns.next()) {
                    types.add(columns.getString(1));
                }
                assertThat(types).containsExactly("decimal(15,2)", "date");
            }
        }
    }

    private static void assertClickHouse(StackStatus stack, S3Settings s3)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        properties.setProperty("password", "");
        try (Connection connection = DriverManager.getConnection(stack.endpoint("clickhouse", "jdbcUrl"), properties);
                Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                assertThat(longValue(statement, "SELECT count() FROM " + s3Function(s3, table))).as(table).isEqualTo(ROWS.get(table));
            }
            try (ResultSet types = statement.executeQuery("SELECT toTypeName(l_extendedprice), toTypeName(l_shipdate), toString(sum(l_extendedprice)) FROM " + s3Function(s3, "lineitem") + " GROUP BY 1, 2")) {
                assertThat(types.next()).isTrue();
                assertThat(types.getString(1)).isEqualTo("Decimal(15, 2)");
                assertThat(types.getString(2)).startsWith("Date");
                // TPC-H sf0.01: sum of l_extendedprice as Trino's tpch connector computes it, checked in assertTrino's EXCEPT
                assertThat(new java.math.BigDecimal(types.getString(3))).isPositive();
            }
        }
    }

    private static String s3Function(S3Settings s3, String table)
    {
        return "s3('%s/%s/%s*.parquet', '%s', '%s', 'Parquet')".formatted(s3.endpoint(), s3.bucket(), ParquetLayout.tablePrefix(DATASET, table), s3.accessKey(), s3.secretKey());
    }

    private static long longValue(Statement statement, String sql)
            throws SQLException
    {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getLong(1);
        }
    }

    private static String subChunk(ChunkProduced chunk)
    {
        return "%s/%d/%d".formatted(chunk.table(), chunk.part(), chunk.subChunk());
    }

    private static String subChunk(ChunkLanded chunk)
    {
        return "%s/%d/%d".formatted(chunk.table(), chunk.part(), chunk.subChunk());
    }

    private static S3Settings s3(StackStatus stack, String bucket)
    {
        return new S3Settings(URI.create(stack.endpoint("s3", "endpoint")), bucket, stack.endpoint("s3", "region"),
                stack.endpoint("s3", "accessKey"), stack.endpoint("s3", "secretKey"), true);
    }

    private static LanderSettings landerSettings(String bootstrap, String group)
    {
        return LanderSettings.defaults(KafkaClientSettings.plaintext(bootstrap), List.of(DATASET.toString()))
                .withGroupId(group)
                .withTransactionalId(group + "-0")
                .withRetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(2));
    }

    private static int objectCount(ObjectStore store)
    {
        try {
            return store.list("").size();
        }
        catch (RuntimeException e) {
            return 0;
        }
    }

    private static void awaitCaughtUp(String bootstrap, String group)
    {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> caughtUp(bootstrap, group));
    }

    /**
     * Whether the group's committed offsets reached the end of every row topic partition of the dataset.
     */
    private static boolean caughtUp(String bootstrap, String group)
            throws Exception
    {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<String> topics = TABLES.stream().map(table -> Topics.rows(DATASET, table)).toList();
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(partition -> ends.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(ends).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            // the last record of a partition is a transaction marker, so a caught-up lander commits up to it
            return end.entrySet().stream().allMatch(entry -> Optional.ofNullable(committed.get(entry.getKey()))
                    .map(offset -> offset.offset() >= entry.getValue() - 1).orElse(entry.getValue() == 0));
        }
    }

    private static Map<String, String> replica(Map<String, String> environment, Path scratch, String name)
    {
        Map<String, String> replica = new HashMap<>(environment);
        replica.put(LanderSettings.TRANSACTIONAL_ID_ENV, environment.get(LanderSettings.GROUP_ID_ENV) + "-" + name);
        replica.put(ParquetSettings.SPILL_DIR_ENV, scratch.resolve("spill-" + name).toString());
        return replica;
    }

    /** How many partitions each member of the group holds, for as many members as it has (none before the first joins). */
    private static List<Integer> assignedPerMember(String bootstrap, String group)
            throws Exception
    {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().stream()
                    .map(member -> member.assignment().topicPartitions().size())
                    .toList();
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }

    private static Process startLander(Map<String, String> environment, Path log)
            throws Exception
    {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(List.of("--enable-native-access=ALL-UNNAMED", ChildJvm.tmpDir(log.toAbsolutePath().getParent())), ParquetLanderMain.class))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }
}
