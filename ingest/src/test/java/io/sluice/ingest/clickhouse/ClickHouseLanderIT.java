package io.sluice.ingest.clickhouse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.kafka.TopicProvisioner;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.clickhouse.ClickHouseConnectionSettings;
import io.sluice.loaders.clickhouse.ClickHouseLoader;
import io.sluice.ops.kafka.ConsumerLagMeters;
import io.sluice.ops.kafka.FailingProducers;
import io.sluice.ops.kafka.FailingProducers.Failure;
import io.sluice.ops.kafka.ProducerFactory;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.codec.RowBlock;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.ChunkMarker;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.kafka.PartKey;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.row.TpchRowConverter;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.Artifacts;
import io.sluice.stack.ProcessLauncher;
import io.sluice.stack.ProcessSignals;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.StackStatus;
import io.sluice.stack.clickhouse.ClickHouseServerKind;
import io.sluice.stack.junit.ChildJvm;
import io.sluice.stack.junit.StackServers;
import io.trino.tpch.Nation;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ClickHouse lander on the real stack, over TPC-H sf0.01 from the real generator: landed exactly, exactly
 * again after its process is SIGKILLed mid-run and restarted, and after ClickHouse (a server of the test's own,
 * on a data dir it keeps) is killed mid-run and restarted. Each test lands into its own databases
 * (a prefix) with its own consumer group and events topic, from the same row topics.
 */
@StackServers({"kafka", "clickhouse"})
class ClickHouseLanderIT
{
    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(3);

    private static String bootstrap;
    private static String jdbcUrl;
    private static List<ChunkProduced> produced;

    @BeforeAll
    static void generate(StackStatus stack)
    {
        bootstrap = stack.endpoint("kafka", "bootstrapServers");
        jdbcUrl = stack.endpoint("clickhouse", "jdbcUrl");
        produced = TpchTiny.generate(bootstrap);
    }

    @Test
    void landsTpchExactlyOnce()
    {
        LandingCheck check = check("exact");
        ClickHouseSettings clickHouse = clickHouse("exact_");
        try (RunningLander lander = ClickHouseLander.run(lander("exact"), clickHouse, new SimpleMeterRegistry());
                ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            List<ChunkLanded> landed = check.awaitAllLanded(LANDING_TIMEOUT);

            assertThat(lander.failure()).isEmpty();
            check.assertExact(tables, landed);
        }
    }

    @Test
    void landsExactlyAfterTheLanderIsKilledMidRunAndRestarted(@TempDir Path logs)
            throws Exception
    {
        LandingCheck check = check("killed");
        ClickHouseSettings clickHouse = clickHouse("killed_");
        try (ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            Process first = startChild("killed", logs.resolve("first.log"));
            long landedAtKill;
            try {
                landedAtKill = Awaitility.await("first rows landed").atMost(LANDING_TIMEOUT).pollInterval(Duration.ofMillis(20))
                        .until(() -> landedRows(tables), rows -> rows > 0);
            }
            finally {
                first.destroyForcibly().waitFor();
            }
            long total = TpchTiny.ROWS.values().stream().mapToLong(Long::longValue).sum();
            assertThat(landedAtKill).as("killed mid-run (log: %s)", logs.resolve("first.log")).isLessThan(total);

            Process second = startChild("killed", logs.resolve("second.log"));
            try {
                List<ChunkLanded> landed = check.awaitAllLanded(LANDING_TIMEOUT);
                check.assertExact(tables, landed);
            }
            finally {
                second.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void landsExactlyWhenItsProducersFailForGood()
    {
        // the first producer fails before its third commit reaches the broker, the second after its first did
        FailingProducers producers = new FailingProducers(FailingProducers.once(1, 3, Failure.BEFORE_COMMIT).or(FailingProducers.once(2, 1, Failure.AFTER_COMMIT)),
                () -> new InvalidTxnStateException("injected: state is COMPLETE_COMMIT, but received transaction marker result to send: COMMIT"));

        assertLandsExactlyWith("producers", producers, 3);
    }

    @Test
    void landsExactlyWhenACommitTimesOut()
    {
        // Kafka did not answer the second commit within max.block.ms; the producer then refuses to abort
        FailingProducers producers = new FailingProducers(FailingProducers.once(1, 2, Failure.BEFORE_COMMIT),
                () -> new TimeoutException("injected: Timeout expired after 300000ms while awaiting EndTxn(COMMIT)"));

        assertLandsExactlyWith("timeout", producers, 2);
    }

    /**
     * Lands TPC-H sf0.01 with {@code producers} into databases and a group of {@code name}'s own: exact, with no failure
     * left, after {@code producersMade} producers.
     */
    private static void assertLandsExactlyWith(String name, FailingProducers producers, int producersMade)
    {
        LandingCheck check = check(name);
        ClickHouseSettings clickHouse = clickHouse(name + "_");
        try (RunningLander lander = ClickHouseLander.run(lander(name), clickHouse, new SimpleMeterRegistry(), producers);
                ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            List<ChunkLanded> landed = check.awaitAllLanded(LANDING_TIMEOUT);

            assertThat(lander.failure()).isEmpty();
            assertThat(producers.created()).isEqualTo(producersMade);
            check.assertExact(tables, landed);
        }
    }

    @Test
    void aLanderBackWithAnotherBatchBudgetAfterACrashBetweenAnInsertAndItsCommitLandsExactly()
            throws InterruptedException
    {
        LandingCheck check = check("budget");
        // the first batch reaches ClickHouse, its commit does not, and the process is gone: no second producer
        FailingProducers failing = new FailingProducers(FailingProducers.once(1, 2, Failure.BEFORE_COMMIT), () -> new InvalidTxnStateException("injected: killed before the commit"));
        ProducerFactory crashing = properties -> {
            if (failing.created() > 0) {
                throw new IllegalStateException("injected: the process is gone");
            }
            return failing.create(properties);
        };
        try (RunningLander crashed = ClickHouseLander.run(lander("budget"), clickHouse("budget_"), new SimpleMeterRegistry(), crashing)) {
            assertThat(crashed.awaitStop(LANDING_TIMEOUT)).isTrue();
        }
        // back with batches of 3,000 rows instead of 10,000 (5,000-row sub-chunks were cut at their markers): the batch
        // after the committed offset is cut as the crashed one cut it, so its insert is the same and ClickHouse drops it
        ClickHouseSettings clickHouse = clickHouse("budget_");
        try (RunningLander lander = ClickHouseLander.run(lander("budget").withBatchRows(3_000), clickHouse, new SimpleMeterRegistry());
                ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            List<ChunkLanded> landed = check.awaitAllLanded(LANDING_TIMEOUT);

            assertThat(lander.failure()).isEmpty();
            check.assertExact(tables, landed);
        }
    }

    @Test
    void stopsWhenItsProducersFailOneAfterTheOtherWithoutLanding()
            throws InterruptedException
    {
        check("failing");
        FailingProducers producers = new FailingProducers((_, commit) -> commit == 1 ? Optional.of(Failure.BEFORE_COMMIT) : Optional.empty(),
                () -> new InvalidTxnStateException("injected: every producer fails"));
        try (RunningLander lander = ClickHouseLander.run(lander("failing"), clickHouse("failing_"), new SimpleMeterRegistry(), producers)) {
            assertThat(lander.awaitStop(LANDING_TIMEOUT)).isTrue();

            assertThat(producers.created()).isEqualTo(ProducerFactory.ATTEMPTS);
            // the commit's own failure (the abort the producer then refused is suppressed on it)
            assertThat(lander.failure()).hasValueSatisfying(failure -> assertThat(failure).isInstanceOf(InvalidTxnStateException.class).hasMessage("injected: every producer fails"));
            assertThat(lander.readiness().detail()).startsWith("stopped: ");
        }
    }

    @Test
    void aLanderWhoseTransactionalIdAnotherProducerTakesOverStopsNamingTheIdAndTheSettingToChange()
            throws InterruptedException
    {
        // two landers of one sink on one host share the default id; Kafka's own message names neither the id nor the setting
        DatasetId dataset = DatasetId.parse("tpch.sf0_09");
        Events.createTopic(bootstrap, Topics.rows(dataset, "region"));
        LanderSettings settings = lander("fenced", dataset, lander("fenced").dlqTopic(), Duration.ofSeconds(1), lander("fenced").markerWait());
        String transactionalId = settings.transactionalIdFor(Sink.CLICKHOUSE);
        try (RunningLander lander = ClickHouseLander.run(settings, clickHouse("fenced_"), new SimpleMeterRegistry())) {
            Awaitility.await("the lander assigned its partition").atMost(LANDING_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> lander.readiness().detail(), "landing 1 partitions into clickhouse"::equals);
            try (KafkaProducer<byte[], byte[]> other = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), new ByteArraySerializer(), new ByteArraySerializer())) {
                other.initTransactions();
            }
            // a partition the group has no offset for: the lander records its first offset in a transaction at once
            Events.createTopic(bootstrap, Topics.rows(dataset, "nation"));

            assertThat(lander.awaitStop(LANDING_TIMEOUT)).isTrue();
            assertThat(lander.failure()).hasValueSatisfying(failure -> assertThat(failure)
                    .hasMessage("another producer took over the transactional id %s, so this clickhouse lander stops: two landers must not share one; the default, "
                            + "<consumer group>-<host name>, is the same for two landers of one sink on one host, so give each its own with SLUICE_LANDER_TRANSACTIONAL_ID", transactionalId)
                    .hasRootCauseInstanceOf(ProducerFencedException.class));
            assertThat(lander.readiness().detail()).startsWith("stopped: another producer took over the transactional id " + transactionalId);
        }
    }

    @Test
    void landsExactlyThroughAClickHouseCrashAndRestart(@TempDir Path dataDir)
    {
        ClickHouseServerKind kind = new ClickHouseServerKind();
        RunningServer server = kind.start(serverContext(dataDir));
        try (TcpForwarder forwarder = new TcpForwarder(httpPort(server))) {
            LandingCheck check = check("restart");
            ClickHouseSettings clickHouse = ClickHouseSettings.defaults("jdbc:clickhouse://127.0.0.1:%d/default".formatted(forwarder.port()), "default", "")
                    .withBatchRows(10_000);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (RunningLander lander = ClickHouseLander.run(lander("restart"), clickHouse, registry);
                    ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
                Awaitility.await("first rows landed").atMost(LANDING_TIMEOUT).pollInterval(Duration.ofMillis(20))
                        .until(() -> landedRows(tables), rows -> rows > 0);
                // no grace: ClickHouse dies as in a crash, possibly inside an insert
                server.process().stop(Duration.ZERO);
                Awaitility.await("the lander saw ClickHouse fail").atMost(Duration.ofMinutes(1))
                        .until(() -> registry.get("sluice.retries").counter().count() > 0);
                server = kind.start(serverContext(dataDir));
                forwarder.retarget(httpPort(server));

                List<ChunkLanded> landed = check.awaitAllLanded(LANDING_TIMEOUT);
                assertThat(lander.failure()).isEmpty();
                // a new client: the old one's pooled connections died with the first server
                ClickHouseSettings restarted = ClickHouseSettings.defaults(server.endpoints().get(ClickHouseServerKind.JDBC_URL), "default", "");
                try (ClickHouseLoader after = new ClickHouseLoader(restarted.connection(), restarted.ddl())) {
                    check.assertExact(after, landed);
                }
            }
        }
        finally {
            server.process().stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void aRowOfABlockThatDoesNotDecodeGoesAloneToTheDeadLetterTopicAndTheOthersLand()
            throws Exception
    {
        DatasetId dataset = DatasetId.parse("tpch.sf0_02");
        String topic = Topics.rows(dataset, "nation");
        // neither the dead-letter nor the events topic exists: the lander creates them as the generator does (before, a
        // broker that creates topics on first use made them with its defaults; any other let the first dead letter wait
        // five minutes for the topic, abort its batch and be tried again for good)
        String dlq = "it.clickhouse.blocks.dlq";
        Events.createTopic(bootstrap, topic);
        RowCodec codec = RowCodec.forTable(Benchmark.TPCH, "nation");
        TpchRowConverter<Nation> converter = TpchRowConverter.of(TpchTable.NATION);
        List<byte[]> good = new ArrayList<>();
        for (Nation nation : TpchTable.NATION.createGenerator(1, 1, 1)) {
            if (good.size() < 4) {
                good.add(codec.encodePayload(converter.convert(nation)));
            }
        }
        byte[] bad = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        RowBlock.Writer block = new RowBlock.Writer(codec.fingerprint(), 256);
        List.of(good.get(0), good.get(1), bad, good.get(2), good.get(3)).forEach(row -> block.add(ByteBuffer.wrap(row)));
        ChunkChecksum landable = new ChunkChecksum();
        good.forEach(landable::add);
        ChunkChecksum all = new ChunkChecksum().combine(landable).add(bad);
        SubChunk chunk = new SubChunk(topic, block.finish(), new ChunkProduced(dataset, "nation", 1, 1, 1, 1, all.rows(), all.value(), System.currentTimeMillis()));
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            chunk.sendRows(producer);
            chunk.sendMarker(producer);
        }
        LanderSettings defaults = lander("blocks");
        LanderSettings settings = new LanderSettings(defaults.kafka(), List.of(dataset.toString()), defaults.groupId(), defaults.transactionalId(),
                defaults.batchRows(), defaults.batchBytes(), defaults.maxOpenBatches(), defaults.retryBackoffMin(), defaults.retryBackoffMax(),
                dlq, defaults.eventsTopic(), defaults.topicRefresh(), defaults.markerWait());
        ClickHouseSettings clickHouse = clickHouse("blocks_");

        try (RunningLander lander = ClickHouseLander.run(settings, clickHouse, new SimpleMeterRegistry());
                ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            ChunkLanded landed = Awaitility.await("the sub-chunk landed").atMost(LANDING_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> Events.read(bootstrap, eventsTopic("blocks")).stream()
                            .filter(ChunkLanded.class::isInstance).map(ChunkLanded.class::cast)
                            .filter(event -> event.dataset().equals(dataset)).findFirst(), Optional::isPresent)
                    .orElseThrow();

            assertThat(lander.failure()).isEmpty();
            assertThat(landed.rows()).isEqualTo(4);
            assertThat(landed.checksum()).isEqualTo(landable.value());
            assertThat(tables.count(dataset, "nation")).isEqualTo(4);
        }
        assertThat(List.of(dlq, eventsTopic("blocks"))).allSatisfy(created -> assertThat(Events.partitions(bootstrap, created)).isEqualTo(TopicProvisioner.SYSTEM_TOPIC_PARTITIONS));
        List<ConsumerRecord<byte[], byte[]>> letters = Events.records(bootstrap, dlq);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo(topic);
            assertThat(new String(letter.headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8)).endsWith("(row 3 of 5 in the record)");
            RowBlock.Rows rows = RowBlock.read(letter.value());
            assertThat(letter.value()[0]).as("a single-object message").isEqualTo((byte) 0xC3);
            assertThat(rows.fingerprint()).isEqualTo(codec.fingerprint());
            assertThat(rows.payloads()).singleElement().isEqualTo(ByteBuffer.wrap(bad));
        });
    }

    @Test
    void aBatchClickHouseRejectsGoesToTheDeadLetterTopicAndItsSubChunkIsAnnouncedShort(StackStatus stack)
            throws Exception
    {
        DatasetId dataset = DatasetId.parse("tpch.sf0_04");
        String events = eventsTopic("rejected");
        String dlq = "it.clickhouse.rejected.dlq";
        SubChunk region = SubChunk.of(dataset, TpchTable.REGION);
        Events.createTopic(bootstrap, region.topic());
        LanderSettings defaults = lander("rejected");
        LanderSettings settings = lander("rejected", dataset, dlq, defaults.topicRefresh(), defaults.markerWait());
        ClickHouseSettings clickHouse = clickHouse("rejected_");
        // so that a paused ClickHouse fails its first attempts
        ClickHouseSettings impatient = impatient(clickHouse);
        long server = stack.server("clickhouse").orElseThrow().pid();

        try (ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            // a table that takes regions 0-2 only: ClickHouse refuses the insert for its data (VIOLATED_CONSTRAINT)
            tables.ensureTable(dataset, "region");
            execute("ALTER TABLE %s.region ADD CONSTRAINT first_three CHECK r_regionkey < 3".formatted(clickHouse.ddl().database(dataset)));
            try (KafkaProducer<byte[], byte[]> producer = rawProducer();
                    RunningLander lander = ClickHouseLander.run(settings, impatient, new SimpleMeterRegistry())) {
                ProcessSignals.signalGroup(server, "STOP");
                try {
                    region.sendRows(producer);
                    // a record that is a dead letter of its own in the same batch
                    producer.send(new ProducerRecord<>(region.topic(), 0, new byte[] {0, 1}, region.block())).get();
                    region.sendMarker(producer);
                    Awaitility.await("the sink failing").atMost(LANDING_TIMEOUT).until(() -> lander.readiness().detail().contains("sink failing"));
                }
                finally {
                    ProcessSignals.signalGroup(server, "CONT");
                }

                ChunkLanded landed = awaitLanded(dataset, events, "region");
                assertThat(lander.failure()).isEmpty();
                // ClickHouse answered, if only to refuse the rows: the sink is not failing (before, the lander said so
                // until another batch landed)
                assertThat(lander.readiness().ready()).as(lander.readiness().detail()).isTrue();
                assertThat(landed.rows()).isZero();
                assertThat(landed.checksum()).isEqualTo(new ChunkChecksum().value());
                assertThat(tables.count(dataset, "region")).isZero();
            }
        }
        // the rows, not the marker: the marker's sub-chunk is accounted for by its event; the record with a bad key keeps
        // its own reason (before, the batch's replay gave it the rejection's)
        List<ConsumerRecord<byte[], byte[]>> letters = Events.records(bootstrap, dlq);
        assertThat(letters).hasSize(2).allSatisfy(letter -> assertThat(letter.value()).isEqualTo(region.block()));
        assertThat(new String(letters.get(0).headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8))
                .startsWith("REJECTED_BATCH").contains("first_three");
        assertThat(new String(letters.get(1).headers().lastHeader(Topics.DLQ_REASON_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("row key is not a 4-byte part number");
    }

    @Test
    void aTableWhoseInsertsKeepFailingKeepsTheLanderNotReadyWhileOtherTablesLand()
            throws Exception
    {
        DatasetId dataset = DatasetId.parse("tpch.sf0_06");
        LanderSettings defaults = lander("slow");
        LanderSettings settings = lander("slow", dataset, defaults.dlqTopic(), defaults.topicRefresh(), defaults.markerWait());
        String events = settings.eventsTopic();
        ClickHouseSettings clickHouse = clickHouse("slow_");
        String database = clickHouse.ddl().database(dataset);
        SubChunk region = SubChunk.of(dataset, TpchTable.REGION);
        SubChunk nation = SubChunk.of(dataset, TpchTable.NATION);
        createTopics(events, region, nation);

        try (ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            // a view that makes every insert into region take 2.5 s (0.5 s a row), as a table ClickHouse is slow to take
            tables.ensureTable(dataset, "region");
            execute("CREATE MATERIALIZED VIEW %s.slow_region ENGINE = Null AS SELECT sleepEachRow(0.5) AS slept FROM %s.region".formatted(database, database));
            try (KafkaProducer<byte[], byte[]> producer = rawProducer();
                    RunningLander lander = ClickHouseLander.run(settings, impatient(clickHouse), new SimpleMeterRegistry())) {
                region.sendRows(producer);
                region.sendMarker(producer);
                Awaitility.await("region failing").atMost(LANDING_TIMEOUT).until(() -> lander.readiness().detail().contains("sink failing"));
                nation.sendRows(producer);
                nation.sendMarker(producer);
                assertThat(awaitLanded(dataset, events, "nation").rows()).isEqualTo(25);

                // region's inserts still fail: one table landing does not make the sink well (before, readiness said
                // ready until region's next attempt failed)
                assertThat(lander.readiness().ready()).isFalse();
                assertThat(lander.readiness().detail()).contains("sink failing").contains(region.topic());

                execute("DROP VIEW %s.slow_region".formatted(database));
                assertThat(awaitLanded(dataset, events, "region").rows()).isEqualTo(5);
                Awaitility.await("ready").atMost(Duration.ofSeconds(30)).until(() -> lander.readiness().ready());
                assertThat(lander.failure()).isEmpty();
                assertThat(tables.count(dataset, "region")).isEqualTo(5);
            }
        }
    }

    @Test
    void rowsWhoseMarkerHasNotComeGiveUpTheBatchSlotAndLandOnceItComes()
            throws Exception
    {
        DatasetId dataset = DatasetId.parse("tpch.sf0_03");
        String events = eventsTopic("stalled");
        SubChunk region = SubChunk.of(dataset, TpchTable.REGION);
        SubChunk nation = SubChunk.of(dataset, TpchTable.NATION);
        createTopics(events, region, nation);
        LanderSettings settings = lander("stalled", dataset, lander("stalled").dlqTopic(), Duration.ofMillis(500), Duration.ofSeconds(2));
        ClickHouseSettings clickHouse = clickHouse("stalled_");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        try (KafkaProducer<byte[], byte[]> producer = rawProducer();
                RunningLander lander = ClickHouseLander.run(settings, clickHouse, registry);
                ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), clickHouse.ddl())) {
            // region's rows come first and open the lander's only batch (given a moment once it has both partitions);
            // their marker does not follow yet
            region.sendRows(producer);
            Awaitility.await("both partitions assigned").atMost(LANDING_TIMEOUT)
                    .until(() -> lander.readiness().detail().startsWith("landing 2 partitions"));
            Thread.sleep(Duration.ofSeconds(2));
            nation.sendRows(producer);
            nation.sendMarker(producer);
            assertThat(awaitLanded(dataset, events, "nation").rows()).isEqualTo(25);
            assertThat(landedTables(dataset, events)).containsExactly("nation");
            // region's rows wait, their partition paused: they are its lag (before, the client's lag of its last fetch, 0)
            Awaitility.await("the lag measured").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(lag(registry, settings, region.topic())).as("lag of %s", region.topic()).isEqualTo(1);
                assertThat(lag(registry, settings, nation.topic())).as("lag of %s", nation.topic()).isZero();
            });

            region.sendMarker(producer);
            ChunkLanded landed = awaitLanded(dataset, events, "region");
            assertThat(landed.rows()).isEqualTo(region.produced().rows());
            assertThat(landed.checksum()).isEqualTo(region.produced().checksum());
            assertThat(lander.failure()).isEmpty();
            assertThat(tables.count(dataset, "region")).isEqualTo(5);
            assertThat(tables.count(dataset, "nation")).isEqualTo(25);
        }
    }

    private static double lag(SimpleMeterRegistry registry, LanderSettings settings, String topic)
    {
        return registry.get(ConsumerLagMeters.NAME).tags("group", settings.groupIdFor(Sink.CLICKHOUSE), "topic", topic).gauge().value();
    }

    @Test
    void benchmarksTheLanderAgainstTheCeilingOnTheSameRows()
            throws InterruptedException
    {
        ClickHouseSettings clickHouse = clickHouse("");
        ClickHouseLanderBenchmark.Result result = ClickHouseLanderBenchmark.run(lander("bench"), clickHouse, TpchTiny.DATASET, TpchTiny.ROWS, "it", LANDING_TIMEOUT);

        long total = TpchTiny.ROWS.values().stream().mapToLong(Long::longValue).sum();
        assertThat(result.lander().rows()).isEqualTo(total);
        assertThat(result.ceiling().rows()).isEqualTo(total);
        try (ClickHouseLoader ceiling = new ClickHouseLoader(clickHouse.connection(), clickHouse.withDatabasePrefix("bench_it_ceiling_").ddl())) {
            TpchTiny.ROWS.forEach((table, rows) -> assertThat(ceiling.count(TpchTiny.DATASET, table)).as("ceiling rows of %s", table).isEqualTo(rows));
        }
        assertThat(result.lander().rowsPerCpuSecond()).isPositive();
        assertThat(result.efficiency()).isPositive();
        System.out.println(result);
    }

    private static int httpPort(RunningServer server)
    {
        return URI.create(server.endpoints().get(ClickHouseServerKind.HTTP_URL)).getPort();
    }

    private static ServerContext serverContext(Path dataDir)
    {
        return new ServerContext(dataDir, Artifacts.fromEnvironment(), ProcessLauncher.attached(), Map.of(), OptionalInt.empty(), "sluice", Duration.ofMinutes(3));
    }

    private static long landedRows(ClickHouseLoader tables)
    {
        long rows = 0;
        for (String table : TpchTiny.ROWS.keySet()) {
            try {
                rows += tables.count(TpchTiny.DATASET, table);
            }
            catch (RuntimeException e) {
                // not created yet
            }
        }
        return rows;
    }

    private static Process startChild(String name, Path log)
            throws IOException
    {
        ProcessBuilder builder = new ProcessBuilder(ChildJvm.command(
                List.of("--enable-native-access=ALL-UNNAMED", ChildJvm.tmpDir(log.toAbsolutePath().getParent()), "-Xmx512m"), ClickHouseLanderMain.class)).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                KafkaClientSettings.BOOTSTRAP_SERVERS_ENV, bootstrap,
                LanderSettings.SOURCES_ENV, TpchTiny.DATASET.toString(),
                LanderSettings.GROUP_ID_ENV, "it-clickhouse-" + name,
                LanderSettings.EVENTS_TOPIC_ENV, eventsTopic(name),
                LanderSettings.RETRY_BACKOFF_MIN_ENV, "100",
                LanderSettings.RETRY_BACKOFF_MAX_ENV, "1000",
                ClickHouseSettings.URL_ENV, jdbcUrl,
                ClickHouseSettings.BATCH_ROWS_ENV, "10000",
                ClickHouseSettings.DATABASE_PREFIX_ENV, name + "_"));
        Files.createDirectories(log.getParent());
        return builder.start();
    }

    private static LandingCheck check(String name)
    {
        Events.createTopic(bootstrap, eventsTopic(name));
        return new LandingCheck(bootstrap, eventsTopic(name), produced);
    }

    private static String eventsTopic(String name)
    {
        return "it.clickhouse." + name + ".events";
    }

    private static LanderSettings lander(String name)
    {
        LanderSettings defaults = LanderSettings.defaults(KafkaClientSettings.plaintext(bootstrap), List.of(TpchTiny.DATASET.toString()));
        return new LanderSettings(defaults.kafka(), defaults.sources(), Optional.of("it-clickhouse-" + name), defaults.transactionalId(),
                defaults.batchRows(), defaults.batchBytes(), defaults.maxOpenBatches(), Duration.ofMillis(100), Duration.ofSeconds(1),
                defaults.dlqTopic(), eventsTopic(name), defaults.topicRefresh(), defaults.markerWait());
    }

    private static void createTopics(String events, SubChunk... chunks)
    {
        Events.createTopic(bootstrap, events);
        Stream.of(chunks).forEach(chunk -> Events.createTopic(bootstrap, chunk.topic()));
    }

    /**
     * The lander of test {@code name}, of {@code dataset} alone.
     */
    private static LanderSettings lander(String name, DatasetId dataset, String dlq, Duration topicRefresh, Duration markerWait)
    {
        LanderSettings defaults = lander(name);
        return new LanderSettings(defaults.kafka(), List.of(dataset.toString()), defaults.groupId(), defaults.transactionalId(),
                defaults.batchRows(), defaults.batchBytes(), defaults.maxOpenBatches(), defaults.retryBackoffMin(), defaults.retryBackoffMax(),
                dlq, defaults.eventsTopic(), topicRefresh, markerWait);
    }

    /**
     * {@code clickHouse} with reads that give up after 2 s.
     */
    private static ClickHouseSettings impatient(ClickHouseSettings clickHouse)
    {
        return new ClickHouseSettings(new ClickHouseConnectionSettings(jdbcUrl, "default", "", Duration.ofSeconds(2)),
                clickHouse.batchRows(), clickHouse.deduplicationWindow(), clickHouse.engine(), clickHouse.databasePrefix());
    }

    private static ClickHouseSettings clickHouse(String prefix)
    {
        return ClickHouseSettings.defaults(jdbcUrl, "default", "").withBatchRows(10_000).withDatabasePrefix(prefix);
    }

    private static ChunkLanded awaitLanded(DatasetId dataset, String events, String table)
    {
        return Awaitility.await(table + " landed").atMost(LANDING_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> landed(dataset, events).filter(event -> event.table().equals(table)).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static List<String> landedTables(DatasetId dataset, String events)
    {
        return landed(dataset, events).map(ChunkLanded::table).toList();
    }

    private static Stream<ChunkLanded> landed(DatasetId dataset, String events)
    {
        return Events.read(bootstrap, events).stream()
                .filter(ChunkLanded.class::isInstance).map(ChunkLanded.class::cast)
                .filter(event -> event.dataset().equals(dataset));
    }

    private static void execute(String sql)
            throws SQLException
    {
        Properties properties = new Properties();
        properties.setProperty("user", "default");
        properties.setProperty("password", "");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** A producer of hand-made records, not transactional as the generator's is. */
    private static KafkaProducer<byte[], byte[]> rawProducer()
    {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * A sub-chunk in one row block and its end-of-chunk marker, sent to partition 0 as separate records.
     */
    private record SubChunk(String topic, byte[] block, ChunkProduced produced)
    {
        /** A whole TPC-H table at scale factor 1 (nation and region are the same at any) as sub-chunk 1 of part 1 of 1. */
        static <E extends TpchEntity> SubChunk of(DatasetId dataset, TpchTable<E> table)
        {
            RowCodec codec = RowCodec.forTable(Benchmark.TPCH, table.getTableName());
            TpchRowConverter<E> converter = TpchRowConverter.of(table);
            RowBlock.Writer block = new RowBlock.Writer(codec.fingerprint(), 4096);
            ChunkChecksum checksum = new ChunkChecksum();
            for (E entity : table.createGenerator(1, 1, 1)) {
                byte[] payload = codec.encodePayload(converter.convert(entity));
                block.add(ByteBuffer.wrap(payload));
                checksum.add(payload);
            }
            return new SubChunk(Topics.rows(dataset, table.getTableName()), block.finish(),
                    new ChunkProduced(dataset, table.getTableName(), 1, 1, 1, 1, checksum.rows(), checksum.value(), System.currentTimeMillis()));
        }

        void sendRows(KafkaProducer<byte[], byte[]> producer)
                throws Exception
        {
            producer.send(new ProducerRecord<>(topic, 0, PartKey.encode(1), block)).get();
        }

        void sendMarker(KafkaProducer<byte[], byte[]> producer)
                throws Exception
        {
            producer.send(new ProducerRecord<>(topic, 0, null, PartKey.encode(1), new ChunkMarker().encode(produced), new RecordHeaders(List.of(ChunkMarker.header())))).get();
        }
    }
}
