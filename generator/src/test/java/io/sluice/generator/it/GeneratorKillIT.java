package io.sluice.generator.it;

import io.sluice.generator.GeneratorMain;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.ChildJvm;
import io.sluice.stack.junit.StackServers;
import io.trino.tpch.TpchTable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the generator in a child JVM, kills it with SIGKILL mid-dataset, runs it again, and checks that
 * every row is there exactly once with matching checksums.
 */
@StackServers("kafka")
class GeneratorKillIT
{
    // A scale factor of its own, so the dataset's topics are not shared with other tests on the broker.
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_05");
    private static final int PARTS = 3;
    // Orders and lineitem at sf 0.05 (TPC-H: 1.5M orders per unit of scale factor; lineitem counted by the library)
    private static final long ORDERS = 75_000;

    @Test
    void killedMidDatasetAndRestartedEveryRowExactlyOnce(StackStatus stack)
            throws Exception
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        Path logs = Files.createDirectories(Path.of("target", "generator-kill-it"));

        Process first = start(bootstrap, logs.resolve("first.log"));
        try {
            // at least a few sub-chunks committed, far from all (~180)
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !first.isAlive() || new DatasetCheck(bootstrap, DATASET).events().size() >= 10);
            assertThat(first.isAlive()).as("the generator was still running when killed; see %s", logs.resolve("first.log")).isTrue();
        }
        finally {
            first.destroyForcibly();
        }
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as("exit code of a SIGKILLed JVM").isEqualTo(128 + 9);
        // what the restarted generator does first: its producer fences the killed one's and aborts the transaction that
        // one may have left open, which would hold every read_committed reader of sluice.events back for its timeout
        Map<String, Object> fencing = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, GeneratorSettings.fromEnvironment(environment(bootstrap)).transactionalId());
        try (KafkaProducer<byte[], byte[]> successor = new KafkaProducer<>(fencing, new ByteArraySerializer(), new ByteArraySerializer())) {
            successor.initTransactions();
        }
        int committedBefore = new DatasetCheck(bootstrap, DATASET).events().size();

        Process second = start(bootstrap, logs.resolve("second.log"));
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = Files.readString(logs.resolve("second.log"));
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains("(%d already there)".formatted(committedBefore));

        DatasetCheck check = new DatasetCheck(bootstrap, DATASET);
        check.assertTable("orders", PARTS, ORDERS);
        check.assertTable("lineitem", PARTS, lineitemRows());
    }

    private static long lineitemRows()
    {
        long rows = 0;
        for (var ignored : TpchTable.LINE_ITEM.createGenerator(DATASET.scaleFactor().toDouble(), 1, 1)) {
            rows++;
        }
        return rows;
    }

    private static Map<String, String> environment(String bootstrap)
    {
        return Map.of(
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "SLUICE_GENERATOR_BENCHMARK", DATASET.benchmark().id(),
                "SLUICE_GENERATOR_SCALE_FACTOR", DATASET.scaleFactor().toString(),
                "SLUICE_GENERATOR_PARTS", String.valueOf(PARTS),
                "SLUICE_GENERATOR_TABLES", "orders,lineitem",
                "SLUICE_GENERATOR_SUB_CHUNK_ROWS", "2000");
    }

    private static Process start(String bootstrap, Path log)
            throws IOException
    {
        List<String> command = ChildJvm.command(List.of("--enable-native-access=ALL-UNNAMED", ChildJvm.tmpDir(log.toAbsolutePath().getParent())), GeneratorMain.class);
        environment(bootstrap).forEach((name, value) -> command.add(name + "=" + value));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }
}
