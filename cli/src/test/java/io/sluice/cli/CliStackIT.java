package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.kafka.TopicProvisioner;
import io.sluice.generator.listen.ControlListener;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.queryrunner.service.QueryRunnerService;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.schema.command.Command;
import io.sluice.schema.command.GenerateDataset;
import io.sluice.schema.command.RunBenchmark;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.result.Engine;
import io.sluice.schema.event.BenchmarkStarted;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.event.TableReady;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.kafka.KafkaSerdes;
import io.sluice.schema.topic.Topics;
import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerKinds;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static java.util.function.Predicate.isEqual;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The stack commands as a user runs them: up, status --json, down, and up again, on the real servers. */
class CliStackIT {
    private static final Map<String, List<String>> REQUIRED_KEYS = Map.of(
            "kafka", List.of("bootstrapServers"),
            "s3", List.of("endpoint", "bucket", "accessKey", "secretKey"),
            "clickhouse", List.of("httpUrl", "jdbcUrl"),
            "trino", List.of("url", "jdbcUrl"));

    @TempDir
    Path runDir;

    @AfterEach
    void stopWhatever() {
        CliRun.execute("down", "--run-dir", runDir.toString());
    }

    @Test
    void upStatusDownAndUpAgain() throws IOException {
        // every server, then Kafka alone (with its controller) in the same run directory; LocalStackUpDownIT starts
        // every server twice
        List<List<String>> upArguments = List.of(List.of(), List.of("--servers", "kafka"));
        List<List<String>> upServers = List.of(ServerKinds.names(), List.of("kafka-controller", "kafka"));
        for (int round = 1; round <= upArguments.size(); round++) {
            List<String> servers = upServers.get(round - 1);
            List<String> up = new ArrayList<>(List.of("up", "--run-dir", runDir.toString()));
            up.addAll(upArguments.get(round - 1));
            assertThat(CliRun.execute(up.toArray(String[]::new)).exitCode()).as("up, round %d", round).isZero();

            CliRun status = CliRun.execute("status", "--json", "--run-dir", runDir.toString());
            assertThat(status.exitCode()).as("status, round %d", round).isZero();
            JsonNode json = new ObjectMapper().readTree(status.out());
            assertThat(ServerKinds.names()).as("servers in round %d", round).filteredOn(json::has).containsExactlyElementsOf(servers);
            List<Long> pids = new ArrayList<>();
            for (String server : servers) {
                JsonNode node = json.path(server);
                assertThat(node.path("healthy").asBoolean()).as("%s healthy", server).isTrue();
                long pid = node.path("pid").asLong();
                assertThat(ProcessHandle.of(pid)).as("%s pid %d", server, pid).hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
                pids.add(pid);
                for (String key : REQUIRED_KEYS.getOrDefault(server, List.of())) {
                    assertThat(node.path(key).asText()).as("%s.%s", server, key).isNotBlank();
                }
            }
            assertThat(json.path("kafka").path("bootstrapServers").asText()).startsWith("127.0.0.1:");
            if (json.has("s3")) {
                assertThat(json.path("s3").path("endpoint").asText()).startsWith("http://127.0.0.1:");
            }

            assertThat(CliRun.execute("down", "--run-dir", runDir.toString()).exitCode()).isZero();
            // The servers were forked by this JVM, so they linger as zombies until the JDK's reaper collects them.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(pids)
                    .allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d after down", pid).isEmpty()));
            assertThat(CliRun.execute("status", "--run-dir", runDir.toString()).exitCode()).isEqualTo(StatusCommand.EXIT_NOT_RUNNING);
        }
    }

    @Test
    void triggerProducesAGenerateDatasetCommandKeyedByItsRunIdAndSaysWhatTheGeneratorAnswered() throws Exception {
        assertThat(CliRun.execute("up", "--run-dir", runDir.toString(), "--servers", "kafka").exitCode()).isZero();
        String[] trigger = {"trigger", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01", "--tables", "nation,region"};
        CliRun unanswered = CliRun.execute(Stream.concat(Stream.of(trigger), Stream.of("--parts", "2", "--wait", "2")).toArray(String[]::new));
        assertThat(unanswered.exitCode()).as(unanswered.err()).isZero();
        assertThat(unanswered.err()).as("no generator listens yet").contains("no answer from a generator listener within 2 s");
        String runId = unanswered.out().strip();
        assertThat(controlRecords("cli-trigger-test")).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(runId);
            assertThat(record.value()).isInstanceOfSatisfying(GenerateDataset.class, command -> {
                assertThat(command.runId()).isEqualTo(runId);
                assertThat(command.benchmark()).isEqualTo(Benchmark.TPCH);
                assertThat(command.scaleFactor().token()).isEqualTo("sf0_01");
                assertThat(command.parts()).isEqualTo(2);
                assertThat(command.tables()).containsExactly("nation", "region");
            });
        });

        // another command's start of the same plan is not this command's answer
        publishEvent(new DatasetPlanned(DatasetId.parse("tpch.sf0_01"), List.of("nation", "region"), 2, Optional.of("someone-else"), System.currentTimeMillis()));
        CliRun notOurs = CliRun.execute(Stream.concat(Stream.of(trigger), Stream.of("--parts", "2", "--wait", "3")).toArray(String[]::new));
        assertThat(notOurs.exitCode()).as(notOurs.err()).isZero();
        assertThat(notOurs.err()).contains("no answer from a generator listener within 3 s");

        // a real generator listener: it generates the waiting commands' dataset, then answers each new one
        GeneratorSettings base = GeneratorSettings.defaults(KafkaClientSettings.plaintext(kafkaBootstrapServers()), Benchmark.TPCH, ScaleFactor.of(1));
        ControlListener listener = new ControlListener(base, _ -> {}, new SimpleMeterRegistry());
        try (ExecutorService generator = Executors.newSingleThreadExecutor()) {
            generator.submit(listener::run);
            try {
                CliRun started = CliRun.execute(Stream.concat(Stream.of(trigger), Stream.of("--parts", "2", "--wait", "120")).toArray(String[]::new));
                assertThat(started.exitCode()).as(started.err()).isZero();
                assertThat(started.err()).contains("a generator started tpch.sf0_01 (2 tables in 2 parts); follow it with: sluice watch --benchmark tpch --scale-factor 0.01");

                CliRun rejected = CliRun.execute(Stream.concat(Stream.of(trigger), Stream.of("--parts", "3", "--wait", "120", "--run-id", "other-parts")).toArray(String[]::new));
                assertFailure(rejected).startsWith("error: the generator rejected run other-parts: ").contains("2 parts");
            }
            finally {
                // before the executor's close, which waits for the listener to return
                listener.close();
            }
        }
    }

    @Test
    void aFaultThatTheQueryRunnerCannotInjectIsReportedWithItsReason(@TempDir Path results) throws Exception {
        assertThat(CliRun.execute("up", "--run-dir", runDir.toString(), "--servers", "kafka").exitCode()).isZero();
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(kafkaBootstrapServers());
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            // as a consumer subscribing before anything created it leaves it: the broker's defaults
            admin.createTopics(List.of(new NewTopic(Topics.EVENTS, Optional.empty(), Optional.empty()))).all().get();
            new TopicProvisioner(admin, Optional.empty()).ensureSystemTopics();
            // the record of what was produced and landed is kept for good: a rerun resumes from it
            ConfigResource events = new ConfigResource(ConfigResource.Type.TOPIC, Topics.EVENTS);
            // the broker applies an altered config from the metadata log a moment after the controller took it
            await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeConfigs(List.of(events)).all().get().get(events).get(TopicConfig.RETENTION_MS_CONFIG).value(), isEqual("-1"));
        }
        // a real query runner, with fault runs off as the chart installs it by default
        QueryRunnerSettings settings = QueryRunnerSettings.fromEnvironment(Map.of(
                KafkaClientSettings.BOOTSTRAP_SERVERS_ENV, kafka.bootstrapServers(),
                QueryRunnerSettings.RESULTS_DIR_ENV, results.toString()));
        try (QueryRunnerService service = QueryRunnerService.start(settings, new SimpleMeterRegistry())) {
            CliRun rejected = CliRun.execute("fault", "--run-dir", runDir.toString(), "--run-id", "chaos-2", "--wait", "60", "clickhouse:kill@benchmark");
            assertFailure(rejected).startsWith("error: the query runner rejected fault run chaos-2: RunFault chaos-2, but fault runs are off: ").contains("faults.enabled=true")
                    .endsWith("; this Kafka is the local stack's: on one machine, 'sluice run --fault clickhouse:kill@benchmark' breaks the stack's servers during a run");
            assertThat(service.isRunning()).isTrue();
        }
    }

    @Test
    void watchAndQueryGoOnlyAsFarAsTheEventsOfTheDatasetSay() throws Exception {
        assertThat(CliRun.execute("up", "--run-dir", runDir.toString(), "--servers", "kafka").exitCode()).isZero();
        String[] dataset = {"--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01"};
        String[] watch = Stream.concat(Stream.of("watch", "--timeout", "2"), Stream.of(dataset)).toArray(String[]::new);
        String[] query = Stream.concat(Stream.of("query", "--plan", "power", "--run-id", "rerun-1", "--wait", "2"), Stream.of(dataset)).toArray(String[]::new);

        // nothing has landed yet: not even sluice.events exists
        assertFailure(CliRun.execute(watch))
                .isEqualTo("error: tpch.sf0_01 was never generated into this Kafka (no DatasetPlanned on sluice.events); generate it first: sluice trigger --benchmark tpch --scale-factor 0.01");
        assertFailure(CliRun.execute(query))
                .isEqualTo("error: not sent: tpch.sf0_01 was never generated into this Kafka (no DatasetPlanned on sluice.events); generate it first: sluice trigger --benchmark tpch --scale-factor 0.01");

        DatasetId id = DatasetId.parse("tpch.sf0_01");
        publishEvent(new DatasetPlanned(id, List.of("nation", "region"), 1, Optional.empty(), System.currentTimeMillis()));
        publishEvent(new ChunkProduced(id, "nation", 1, 1, 1, 1, 25, 7, System.currentTimeMillis()));
        publishEvent(new TableReady(id, "nation", Sink.CLICKHOUSE, 1, 25, 7, 2_500, 1, System.currentTimeMillis()));
        publishEvent(new DatasetReady(id, Sink.PARQUET, List.of("nation", "region"), 30, 3_000, 2, 1_000));
        CliRun inOneSink = CliRun.execute(watch);
        assertFailure(inOneSink).contains("is not ready in parquet, clickhouse after 2 s (ready in: parquet)").endsWith("pass a longer --timeout while it lands");
        assertThat(inOneSink.err()).as("the progress line while a table is still to be generated")
                .contains("land tpch.sf0_01 ? 0 rows in every sink of 25 produced so far (still generating), tables ready: clickhouse 1/2");
        assertFailure(CliRun.execute(query)).contains("is not ready in parquet, clickhouse after 2 s (ready in: parquet)").endsWith("pass a longer --wait while it lands");

        publishEvent(new ChunkProduced(id, "region", 1, 1, 1, 1, 5, 3, System.currentTimeMillis()));
        assertThat(CliRun.execute(watch).err()).as("the progress line once every chunk is produced")
                .contains("land tpch.sf0_01 0% 0/30 rows in every sink, tables ready: clickhouse 1/2");

        publishEvent(new DatasetReady(id, Sink.CLICKHOUSE, List.of("nation", "region"), 30, 3_000, 2, 1_500));
        CliRun watched = CliRun.execute(watch);
        assertThat(watched.exitCode()).as(watched.err()).isZero();
        assertThat(watched.out().lines()).hasSize(3).first().asString().isEqualTo("dataset tpch.sf0_01: 30 rows in 2 tables, verified in every sink (rows and checksum of each chunk)");
        assertThat(watched.out()).containsPattern("land parquet +30 rows +0\\.0 MB +1\\.0 s .*  2 objects").containsPattern("land clickhouse +30 rows +0\\.0 MB +1\\.5 s .*  2 objects");
        CliRun sent = CliRun.execute(query);
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out().strip()).isEqualTo("rerun-1");
        assertThat(sent.err()).as("no query runner runs here").contains("no answer from a query runner within 2 s");
        assertThat(controlRecords("cli-query-test")).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("rerun-1");
            assertThat(record.value()).isEqualTo(new RunBenchmark("rerun-1", id, Optional.of("power")));
        });

        // the query runner's answers, published here as it would once it read the command
        CliRun started = answered(dataset, "rerun-2", new BenchmarkStarted("rerun-2", id, List.of(Engine.TRINO), System.currentTimeMillis()));
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.err()).contains("the query runner started run rerun-2 on [TRINO]");
        CliRun rejected = answered(dataset, "rerun-3", new CommandRejected("rerun-3", "RunBenchmark", "unknown plan 'power'; known plans: [default, default-tpcds]", System.currentTimeMillis()));
        assertFailure(rejected).isEqualTo("error: the query runner rejected run rerun-3: unknown plan 'power'; known plans: [default, default-tpcds]");

        DatasetId broken = DatasetId.parse("tpch.sf0_02");
        publishEvent(new DatasetPlanned(broken, List.of("nation"), 1, Optional.empty(), System.currentTimeMillis()));
        publishEvent(new DatasetFailed(broken, Optional.of(Sink.CLICKHOUSE), Optional.of("nation"), Optional.empty(), "landed 24 rows, produced 25", System.currentTimeMillis()));
        assertFailure(CliRun.execute("watch", "--run-dir", runDir.toString(), "--scale-factor", "0.02", "--timeout", "30"))
                .isEqualTo("error: tpch.sf0_02 failed in clickhouse: landed 24 rows, produced 25");
    }

    /** {@code sluice query} with {@code runId}, answered with {@code answer} once its command is on {@code sluice.control}. */
    private CliRun answered(String[] dataset, String runId, PipelineEvent answer) throws Exception {
        String[] query = Stream.concat(Stream.of("query", "--plan", "power", "--run-id", runId, "--wait", "60"), Stream.of(dataset)).toArray(String[]::new);
        try (ExecutorService cli = Executors.newSingleThreadExecutor()) {
            Future<CliRun> outcome = cli.submit(() -> CliRun.execute(query));
            await().atMost(Duration.ofSeconds(60)).until(() -> outcome.isDone() || controlRecords("cli-answer-" + UUID.randomUUID()).stream().anyMatch(record -> runId.equals(record.key())));
            publishEvent(answer);
            return outcome.get(60, TimeUnit.SECONDS);
        }
    }

    /** The error line, last on stderr after any progress lines (a line every 10 s off a terminal). */
    private static AbstractStringAssert<?> assertFailure(CliRun outcome) {
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        return assertThat(outcome.err().lines().toList()).last().asString();
    }

    private void publishEvent(PipelineEvent event) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        try (KafkaProducer<String, PipelineEvent> producer = new KafkaProducer<>(properties, new StringSerializer(), KafkaSerdes.events().serializer())) {
            producer.send(new ProducerRecord<>(Topics.EVENTS, event.key(), event)).get(30, TimeUnit.SECONDS);
        }
    }

    /** What {@code sluice.control} holds, read from the beginning by a new group; waits until there is something. */
    private List<ConsumerRecord<String, Command>> controlRecords(String group) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<String, Command> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), KafkaSerdes.commands().deserializer())) {
            consumer.subscribe(List.of(Topics.CONTROL));
            List<ConsumerRecord<String, Command>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                return !received.isEmpty();
            });
            // anything sent after the first would have arrived with it or soon after
            consumer.poll(Duration.ofSeconds(1)).forEach(received::add);
            return received;
        }
    }

    private String kafkaBootstrapServers() {
        return LocalStack.status(runDir).orElseThrow().endpoint("kafka", "bootstrapServers");
    }

    @Test
    void aRunWhoseServerStopsSaysWhichAndHowToGoOn() throws Exception {
        assertThat(CliRun.execute("up", "--run-dir", runDir.toString()).exitCode()).isZero();
        var stack = LocalStack.status(runDir).orElseThrow();
        long s3 = stack.server("s3").orElseThrow().pid();
        try (ExecutorService cli = Executors.newSingleThreadExecutor();
                Admin admin = Admin.create(Map.of("bootstrap.servers", stack.endpoint("kafka", "bootstrapServers")))) {
            Future<CliRun> run = cli.submit(() -> CliRun.execute("run", "--run-dir", runDir.toString(), "--benchmark", "tpch", "--scale-factor", "0.01",
                    "--no-benchmark", "--timeout", "180"));
            // once it generates, the S3 store is killed: the Parquet lander can only retry
            await().atMost(Duration.ofMinutes(2)).until(() -> admin.listTopics().names().get().contains(Topics.rows(DatasetId.parse("tpch.sf0_01"), "lineitem")));
            ProcessHandle.of(s3).ifPresent(ProcessHandle::destroyForcibly);

            CliRun outcome = run.get(2, TimeUnit.MINUTES);
            assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
            assertThat(outcome.err()).contains("the local stack's s3 stopped during the run (s3 log: ")
                    .contains("'sluice up' starts it again on its data, then the same command goes on where it stopped");
        }
    }

    @Test
    void portAlreadyTakenIsOneLineErrorNamingIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun up = CliRun.execute("up", "--run-dir", runDir.toString(), "--servers", "kafka", "--kafka-port", String.valueOf(taken.getLocalPort()));
            assertThat(up.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
            assertThat(up.err().lines()).singleElement().asString()
                    .startsWith("error: ")
                    .contains(String.valueOf(taken.getLocalPort()))
                    .contains("kafka")
                    .contains("--kafka-port");
        }
    }

    @Test
    void scriptStopsWithOneLineWhenNoJdk25IsFound() throws Exception {
        Path script = Path.of("..", "sluice").toAbsolutePath().normalize();
        // A JAVA_HOME that is not a JDK and a search path with no JDK in it: nothing qualifies.
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "status").redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", runDir.toString());
        builder.environment().put("SLUICE_JDK_DIRS", runDir.toString());
        Process noJdk = builder.start();
        String err = new String(noJdk.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(noJdk.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(noJdk.exitValue()).isNotZero();
        assertThat(err.lines()).singleElement().asString().contains("JDK 25").contains("JAVA_HOME");
    }

}
