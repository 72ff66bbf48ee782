package io.sluice.generator.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.GenerationTakenOverException;
import io.sluice.generator.listen.ControlListener;
import io.sluice.generator.progress.ProgressListener;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.command.Command;
import io.sluice.schema.command.GenerateDataset;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@StackServers("kafka")
class ControlListenerIT
{
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_03");
    private final MessageCodec<Command> commands = Messages.commands();

    @Test
    void rejectsInvalidCommandsWithTheReasonAndGoesOnWithValidOnes(StackStatus stack)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        GeneratorSettings base = GeneratorSettings.defaults(KafkaClientSettings.plaintext(bootstrap), Benchmark.TPCH, ScaleFactor.of(1));
        GenerateDataset valid = new GenerateDataset("run-ok", Benchmark.TPCH, DATASET.scaleFactor(), 2, Optional.empty(), List.of("region", "nation"));
        GenerateDataset template = new GenerateDataset("run-x", Benchmark.TPCDS, ScaleFactor.parse("0.01"), 2, Optional.empty(), List.of("item"));

        ExecutorService executor = Executors.newSingleThreadExecutor();
        ControlListener listener = new ControlListener(base, _ -> {}, new SimpleMeterRegistry());
        assertThat(listener.readiness().ready()).as("ready before subscribing").isFalse();
        Future<?> running = listen(executor, listener);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            send(producer, "run-garbage", new byte[] {1, 2, 3, 4});
            send(producer, "run-table", withField(template, "tables", List.of("item", "stock")));
            send(producer, "run-scale", withField(template, "scaleFactor", "0.5"));
            send(producer, "run-ok", commands.encode(valid));

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<PipelineEvent> events = events(bootstrap);
                assertThat(rejection(events, "run-garbage")).hasValueSatisfying(rejected -> {
                    assertThat(rejected.command()).isEqualTo("unknown");
                    assertThat(rejected.reason()).matches("the generator cannot decode sluice\\.control-\\d+ offset \\d+: TRUNCATED: .*");
                });
                assertThat(rejection(events, "run-table")).hasValueSatisfying(rejected -> assertThat(rejected.reason()).contains("tpcds has no table 'stock'"));
                assertThat(rejection(events, "run-scale")).hasValueSatisfying(rejected -> assertThat(rejected.reason()).contains("tpcds does not support scale factor 0.5"));
                assertThat(rejection(events, "run-ok")).isEmpty();
                // the plan says which command started it, so that command's sender can tell its answer
                assertThat(events.stream().flatMap(event -> event instanceof DatasetPlanned planned && planned.dataset().equals(DATASET) ? Stream.of(planned.runId()) : Stream.empty()))
                        .containsOnly(Optional.of("run-ok"));
                DatasetCheck check = new DatasetCheck(bootstrap, DATASET);
                assertThat(check.events()).hasSize(4);
                check.assertTable("region", 2, 5);
                check.assertTable("nation", 2, 25);
            });

            // the same dataset in other parts: rejected, and the dataset in Kafka is left as it was
            send(producer, "run-replan", commands.encode(new GenerateDataset("run-replan", Benchmark.TPCH, DATASET.scaleFactor(), 3, Optional.empty(), List.of("region", "nation"))));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(rejection(events(bootstrap), "run-replan"))
                    .hasValueSatisfying(rejected -> assertThat(rejected.reason()).startsWith("tpch.sf0_03 was planned with tables [region, nation] in 2 parts; this run asks for tables [region, nation] in 3 parts.")));
            DatasetCheck after = new DatasetCheck(bootstrap, DATASET);
            assertThat(after.events()).hasSize(4);
            assertThat(events(bootstrap)).noneMatch(event -> event instanceof DatasetFailed);
            assertThat(running.isDone()).as("listener still running").isFalse();
        }
        finally {
            listener.close();
            running.get(30, TimeUnit.SECONDS);
            executor.shutdownNow();
        }
    }

    @Test
    void closingStopsBetweenSubChunksLeavesTheGroupAndTheNextListenerGoesOnFromThere(StackStatus stack)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        DatasetId dataset = DatasetId.parse("tpch.sf1");
        // small sub-chunks: 300 transactions, so that closing lands between two of them
        GeneratorSettings base = GeneratorSettings.defaults(KafkaClientSettings.plaintext(bootstrap), Benchmark.TPCH, ScaleFactor.of(1)).withSubChunkRows(5_000);
        GenerateDataset command = new GenerateDataset("run-stopped", Benchmark.TPCH, dataset.scaleFactor(), 1, Optional.empty(), List.of("orders"));

        ExecutorService executor = Executors.newFixedThreadPool(2);
        ControlListener first = new ControlListener(base, _ -> {}, new SimpleMeterRegistry());
        ControlListener second = new ControlListener(base, _ -> {}, new SimpleMeterRegistry());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Future<?> firstRunning = listen(executor, first);
            send(producer, command.runId(), commands.encode(command));
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> new DatasetCheck(bootstrap, dataset).events().size() >= 3);

            first.close();

            // close() returns once run() has closed its consumer; run()'s thread ends just after, so isDone() here would race it
            assertThat(group(admin).members())
                    .as("the stopped listener left its group, so the next one is assigned the command at once").isEmpty();
            firstRunning.get(10, TimeUnit.SECONDS);
            int committed = new DatasetCheck(bootstrap, dataset).events().size();
            assertThat(committed).as("sub-chunks committed before the stop").isBetween(3, 299);

            Future<?> secondRunning = listen(executor, second);
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> new DatasetCheck(bootstrap, dataset).events().size() == 300);
            DatasetCheck check = new DatasetCheck(bootstrap, dataset);
            check.assertTable("orders", 1, 1_500_000);
            assertThat(events(bootstrap)).as("the command was carried out, once, by the two listeners")
                    .noneMatch(event -> event instanceof DatasetFailed || event instanceof CommandRejected rejected && rejected.runId().equals(command.runId()))
                    .filteredOn(event -> event instanceof DatasetPlanned planned && planned.dataset().equals(dataset)).hasSize(2);
            assertThat(secondRunning.isDone()).as("listener still running").isFalse();
        }
        finally {
            first.close();
            second.close();
            executor.shutdownNow();
        }
    }

    @Test
    void twoGeneratorsOfTheSamePartsDoNotFenceEachOtherInTurnAndTheDatasetDoesNotFail(StackStatus stack)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        DatasetId dataset = DatasetId.parse("tpch.sf0_5");
        // 300 transactions of orders, so that the second generator starts while the listener's runs
        GeneratorSettings base = GeneratorSettings.defaults(KafkaClientSettings.plaintext(bootstrap), Benchmark.TPCH, ScaleFactor.of(1)).withSubChunkRows(2_500);
        GenerateDataset command = new GenerateDataset("run-first", Benchmark.TPCH, dataset.scaleFactor(), 1, Optional.empty(), List.of("orders"));

        ExecutorService executor = Executors.newSingleThreadExecutor();
        ControlListener listener = new ControlListener(base, _ -> {}, new SimpleMeterRegistry());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Future<?> running = listen(executor, listener);
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.CONTROL, command.runId().getBytes(StandardCharsets.UTF_8), commands.encode(command))).get();
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> new DatasetCheck(bootstrap, dataset).events().size() >= 3);

            // the same parts under the same transactional id, as a second command for the dataset would run them: its
            // producer fences the listener's; one of the two then leaves the parts to the other
            try {
                new DatasetGenerator(base.withCommand(command), _ -> {}, new SimpleMeterRegistry()).runFor("run-second");
            }
            catch (GenerationTakenOverException e) {
                assertThat(e).hasMessageContaining("another generator writes parts 1-1");
            }

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> new DatasetCheck(bootstrap, dataset).events().size() == 300);
            new DatasetCheck(bootstrap, dataset).assertTable("orders", 1, 750_000);
            // the listener's run ended (it finished the parts, or left them), and it committed the command
            TopicPartition commandPartition = new TopicPartition(sent.topic(), sent.partition());
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> Optional.ofNullable(admin.listConsumerGroupOffsets(ControlListener.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get().get(commandPartition)).map(OffsetAndMetadata::offset).orElse(0L) > sent.offset());
            assertThat(events(bootstrap)).noneMatch(event -> event instanceof DatasetFailed failed && failed.dataset().equals(dataset));
            assertThat(running.isDone()).as("listener still running").isFalse();
        }
        finally {
            listener.close();
            executor.shutdownNow();
        }
    }

    @Test
    void aListenerThatJoinsWhileAnotherGeneratesGetsItsShareAtOnceAndCarriesOutACommandMeanwhile(StackStatus stack)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        DatasetId slow = DatasetId.parse("tpch.sf0_4");
        DatasetId quick = DatasetId.parse("tpch.sf0_02");
        // 120 sub-chunks of orders, each held up while the test needs the run to go on (before, the generating listener
        // polled again only when its run was done, and the group's rebalance waited for it)
        GeneratorSettings base = GeneratorSettings.defaults(KafkaClientSettings.plaintext(bootstrap), Benchmark.TPCH, ScaleFactor.of(1)).withSubChunkRows(5_000);
        AtomicBoolean holding = new AtomicBoolean(true);
        ProgressListener unhurried = progress -> {
            if (progress.dataset().equals(slow) && holding.get()) {
                try {
                    Thread.sleep(250);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        GenerateDataset longRun = new GenerateDataset("run-long", Benchmark.TPCH, slow.scaleFactor(), 1, Optional.empty(), List.of("orders"));
        GenerateDataset quickRun = new GenerateDataset("run-quick", Benchmark.TPCH, quick.scaleFactor(), 1, Optional.empty(), List.of("nation", "region"));

        ExecutorService executor = Executors.newFixedThreadPool(2);
        ControlListener first = new ControlListener(base, unhurried, new SimpleMeterRegistry());
        ControlListener second = new ControlListener(base, unhurried, new SimpleMeterRegistry());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            listen(executor, first);
            RecordMetadata sentLong = producer.send(new ProducerRecord<>(Topics.CONTROL, longRun.runId().getBytes(StandardCharsets.UTF_8), commands.encode(longRun))).get();
            TopicPartition longPartition = new TopicPartition(sentLong.topic(), sentLong.partition());
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100)).until(() -> new DatasetCheck(bootstrap, slow).events().size() >= 3);

            listen(executor, second);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                ConsumerGroupDescription group = group(admin);
                return group.groupState() == GroupState.STABLE && group.members().size() == 2
                        && group.members().stream().noneMatch(member -> member.assignment().topicPartitions().isEmpty());
            });
            assertThat(new DatasetCheck(bootstrap, slow).events()).as("the long run goes on while the second listener joins").hasSizeLessThan(120);

            // a partition of the listener that is not carrying out the long run (if the group moved its partition, the
            // first listener stopped it after a sub-chunk and the second goes on with it)
            Set<TopicPartition> idle = group(admin).members().stream()
                    .map(MemberDescription::assignment)
                    .map(MemberAssignment::topicPartitions)
                    .filter(partitions -> !partitions.contains(longPartition))
                    .findFirst().orElseThrow();
            RecordMetadata sentQuick = producer.send(new ProducerRecord<>(Topics.CONTROL, idle.iterator().next().partition(), quickRun.runId().getBytes(StandardCharsets.UTF_8),
                    commands.encode(quickRun))).get();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> new DatasetCheck(bootstrap, quick).events().size() == 2);
            assertThat(new DatasetCheck(bootstrap, slow).events()).as("the quick run was carried out while the long one went on").hasSizeLessThan(120);

            holding.set(false);
            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(500)).until(() -> new DatasetCheck(bootstrap, slow).events().size() == 120);
            new DatasetCheck(bootstrap, slow).assertTable("orders", 1, 600_000);
            new DatasetCheck(bootstrap, quick).assertTable("nation", 1, 25);
            assertThat(events(bootstrap)).noneMatch(event -> event instanceof DatasetFailed failed && Set.of(slow, quick).contains(failed.dataset())
                    || event instanceof CommandRejected rejected && Set.of(longRun.runId(), quickRun.runId()).contains(rejected.runId()));
            // both commands are done and committed, once
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(ControlListener.GROUP_ID).partitionsToOffsetAndMetadata().get();
                for (RecordMetadata sent : List.of(sentLong, sentQuick)) {
                    assertThat(Optional.ofNullable(committed.get(new TopicPartition(sent.topic(), sent.partition()))).map(OffsetAndMetadata::offset))
                            .as("committed offset of %s", sent).hasValueSatisfying(offset -> assertThat(offset).isGreaterThan(sent.offset()));
                }
            });
        }
        finally {
            holding.set(false);
            first.close();
            second.close();
            executor.shutdownNow();
        }
    }

    /**
     * Runs the listener and waits until it listens: {@code sluice.control} then exists with the listener's three
     * partitions (a record sent before would have the broker create it with its default of one, for every later test).
     */
    private static Future<?> listen(ExecutorService executor, ControlListener listener)
    {
        Future<?> running = executor.submit(listener::run);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(listener.readiness().ready()).as(listener.readiness().detail()).isTrue());
        return running;
    }

    private static ConsumerGroupDescription group(Admin admin)
            throws Exception
    {
        return admin.describeConsumerGroups(List.of(ControlListener.GROUP_ID)).all().get().get(ControlListener.GROUP_ID);
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String runId, byte[] value)
            throws Exception
    {
        producer.send(new ProducerRecord<>(Topics.CONTROL, runId.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    /**
     * A GenerateDataset message with one field replaced by a value the record refuses, written as a
     * producer that does not validate would.
     */
    private byte[] withField(GenerateDataset template, String field, Object value)
            throws IOException
    {
        Schema schema = commands.schema(GenerateDataset.class);
        byte[] message = commands.encode(template);
        GenericRecord record = new GenericDatumReader<GenericRecord>(schema, schema, GenericData.get()).read(null,
                DecoderFactory.get().binaryDecoder(message, SingleObjectEncoding.HEADER_LENGTH, message.length - SingleObjectEncoding.HEADER_LENGTH, null));
        record.put(field, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SingleObjectEncoding.header(commands.fingerprint(GenerateDataset.class)));
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static List<PipelineEvent> events(String bootstrap)
    {
        MessageCodec<PipelineEvent> codec = Messages.events();
        return CommittedRecords.read(bootstrap, Topics.EVENTS).stream().map(record -> codec.decode(record.value())).toList();
    }

    private static Optional<CommandRejected> rejection(List<PipelineEvent> events, String runId)
    {
        return events.stream()
                .filter(event -> event instanceof CommandRejected rejected && rejected.runId().equals(runId))
                .map(CommandRejected.class::cast)
                .findFirst();
    }
}
