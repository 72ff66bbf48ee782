package io.sluice.faults.local;

import io.sluice.faults.Fault;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;
import io.sluice.stack.kafka.KafkaServerKind;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker killed (SIGKILL) or paused (SIGSTOP) again and again while a producer commits transactions that span two
 * topics, as the generator's do (rows and their marker on one, the {@code ChunkProduced} event on another). Every
 * transaction that committed is whole on both and none is left open: with a single combined KRaft node, a restart
 * after SIGKILL could record a commit complete while skipping a partition's marker, and read_committed consumers
 * stopped there for good.
 */
class KafkaBrokerFaultIT
{
    private static final Logger log = LoggerFactory.getLogger(KafkaBrokerFaultIT.class);
    private static final String ROWS = "fault-it-rows";
    private static final String EVENTS = "fault-it-events";
    private static final String SKIPPED_MARKER = "likely deleted already and hence can be skipped";
    private static final int ROWS_PER_TRANSACTION = 20;
    private static final int FAULTS = 3;

    @TempDir
    Path runDir;

    @Test
    void killedBrokerRestartsWithoutSkippingAMarker()
            throws Exception
    {
        // shorter than the controller's session timeout: the restart has to wait for the fence
        String brokerLog = assertTransactionsWholeAcross(Fault.parse("kafka:kill@ingest/0s+1s"));

        assertThat(brokerLog).as("the coordinator skipped no transaction marker").doesNotContain(SKIPPED_MARKER);
    }

    /**
     * Longer than the controller's session timeout, so the broker is fenced while stopped. On resuming it may skip
     * a marker (it sees the partitions leaderless before its coordinator resigns), but the resignation wins over the
     * write of the completed commit, and the reloaded coordinator sends the markers again.
     */
    @Test
    void pausedBrokerLeavesNoTransactionOpen()
            throws Exception
    {
        String brokerLog = assertTransactionsWholeAcross(Fault.parse("kafka:pause@ingest/0s+5s"));

        log.info("markers skipped while resuming: {}", brokerLog.contains(SKIPPED_MARKER));
    }

    /**
     * @return the broker's log
     */
    private String assertTransactionsWholeAcross(Fault fault)
            throws Exception
    {
        StackSettings settings = new StackSettings(runDir, List.of("kafka"), Map.of(), StackSettings.DEFAULT_BUCKET, StackSettings.DEFAULT_START_TIMEOUT);
        try (LocalStack stack = LocalStack.startAttached(settings)) {
            String bootstrap = stack.status().endpoint("kafka", KafkaServerKind.BOOTSTRAP_SERVERS);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(ROWS, 1, (short) 1), new NewTopic(EVENTS, 1, (short) 1))).all().get();
            }
            AtomicBoolean producing = new AtomicBoolean(true);
            AtomicLong committed = new AtomicLong();
            AtomicLong uncertain = new AtomicLong();
            Thread producer = Thread.ofPlatform().name("fault-it-producer").start(() -> produce(bootstrap, producing, committed, uncertain));

            LocalFaultInjector injector = new LocalFaultInjector(new StackTargets(stack));
            for (int i = 0; i < FAULTS; i++) {
                awaitMoreCommits(committed, committed.get() + 20);
                injector.inject(fault);
                Thread.sleep(fault.duration().toMillis());
                injector.clear(fault);
            }
            awaitMoreCommits(committed, committed.get() + 20);
            producing.set(false);
            producer.join(Duration.ofMinutes(2));
            assertThat(producer.isAlive()).isFalse();
            log.info("{} transactions committed, {} with an uncertain outcome, across {} times {}", committed.get(), uncertain.get(), FAULTS, fault);

            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Map<TopicPartition, OffsetSpec> ends = List.of(ROWS, EVENTS).stream().collect(Collectors.toMap(topic -> new TopicPartition(topic, 0), _ -> OffsetSpec.latest()));
                var stable = admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
                var end = admin.listOffsets(ends, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all().get();
                ends.keySet().forEach(partition -> assertThat(stable.get(partition).offset()).as("%s: no transaction left open", partition).isEqualTo(end.get(partition).offset()));
            }
            long events = countCommitted(bootstrap, EVENTS);
            assertThat(events).isBetween(committed.get(), committed.get() + uncertain.get());
            assertThat(countCommitted(bootstrap, ROWS)).as("every committed transaction's rows, and only those").isEqualTo(events * ROWS_PER_TRANSACTION);
            return Files.readString(runDir.resolve("kafka").resolve("kafka.log"));
        }
    }

    /** Small transactions over both topics until told to stop; a producer that fails is replaced, as the generator's run is. */
    private static void produce(String bootstrap, AtomicBoolean producing, AtomicLong committed, AtomicLong uncertain)
    {
        Map<String, Object> properties = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "fault-it",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis());
        while (producing.get()) {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                while (producing.get()) {
                    producer.beginTransaction();
                    for (int row = 0; row < ROWS_PER_TRANSACTION; row++) {
                        producer.send(new ProducerRecord<>(ROWS, 0, null, new byte[200]));
                    }
                    producer.send(new ProducerRecord<>(EVENTS, 0, null, new byte[10]));
                    try {
                        producer.commitTransaction();
                    }
                    catch (KafkaException e) {
                        uncertain.incrementAndGet();
                        throw e;
                    }
                    committed.incrementAndGet();
                }
            }
            catch (KafkaException e) {
                log.info("producer failed, replacing it: {}", e.toString());
            }
        }
    }

    private static void awaitMoreCommits(AtomicLong committed, long atLeast)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (committed.get() < atLeast) {
            assertThat(System.nanoTime()).as("transactions commit again after the restart").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static long countCommitted(String bootstrap, String topic)
    {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long count = 0;
            while (consumer.position(partition) < end) {
                count += consumer.poll(Duration.ofSeconds(1)).count();
            }
            return count;
        }
    }
}
