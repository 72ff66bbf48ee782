package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.BucketExistsArgs;
import io.sluice.stack.kafka.KafkaServerKind;
import io.sluice.stack.s3.S3ServerKind;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackIT {
    @TempDir
    Path runDir;

    @Test
    void servesKafkaAndS3AndLeavesNothingBehind() throws Exception {
        StackStatus status;
        try (LocalStack stack = LocalStack.startAttached(settings(List.of("kafka", "s3")))) {
            status = stack.status();
            assertThat(status.servers()).extracting(ServerStatus::name).containsExactly("kafka-controller", "kafka", "s3");
            assertThat(status.healthy()).isTrue();

            String bootstrap = status.endpoint("kafka", KafkaServerKind.BOOTSTRAP_SERVERS);
            assertThat(bootstrap).startsWith("127.0.0.1:");
            assertThat(roundTrip(bootstrap, "it-" + UUID.randomUUID(), "hello")).isEqualTo("hello");

            Map<String, String> s3 = status.server("s3").orElseThrow().endpoints();
            assertThat(s3.get(S3ServerKind.ENDPOINT)).startsWith("http://127.0.0.1:");
            assertThat(s3.get(S3ServerKind.BUCKET)).isEqualTo(StackSettings.DEFAULT_BUCKET);
            assertThat(putAndGet(s3, "dir/object.txt", "some bytes")).isEqualTo("some bytes");

            String secret = s3.get(S3ServerKind.SECRET_KEY);
            assertThat(Files.readString(runDir.resolve("s3").resolve("s3.log"))).doesNotContain(secret);
            assertThat(ProcessGroup.members(status.server("s3").orElseThrow().pid()))
                    .allSatisfy(process -> assertThat(process.info().commandLine().orElse("")).doesNotContain(secret));
            assertThat(Files.readString(runDir.resolve("kafka").resolve("kafka.log"))).contains("started (kafka.server.KafkaRaftServer)");
            // what a killed broker leaves stays in its folder
            List<String> brokerMappings = new ArrayList<>();
            for (ProcessHandle process : ProcessGroup.members(status.server("kafka").orElseThrow().pid())) {
                brokerMappings.addAll(Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "maps")));
            }
            assertThat(brokerMappings)
                    .filteredOn(mapping -> mapping.contains("liblz4"))
                    .isNotEmpty()
                    .allSatisfy(mapping -> assertThat(mapping).contains(runDir.resolve("kafka").resolve("tmp").toString()));
        }

        for (ServerStatus server : status.servers()) {
            assertThat(ProcessGroup.members(server.pid())).as(server.name() + " processes").isEmpty();
            assertThat(ServerKinds.byName(server.name()).orElseThrow().healthy(server.endpoints())).as(server.name() + " probe").isFalse();
        }
    }

    @Test
    void aFixedPortInUseFailsWithOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StackSettings settings = settings(List.of("kafka")).withFixedPorts(Map.of("kafka", port));

            assertThatThrownBy(() -> LocalStack.startAttached(settings))
                    .isInstanceOf(StackException.class)
                    .hasMessage("port %d (kafka) is already in use; choose another with --kafka-port or stop what holds it", port);
        }
    }

    @Test
    void aFailingServerIsReportedWithItsLog() {
        // a bucket name is checked by s3proxy's filesystem backend only when used; a start timeout too short
        // for any JVM makes the failure path deterministic instead
        StackSettings settings = new StackSettings(runDir, List.of("s3"), Map.of(), "sluice", Duration.ofMillis(1));

        assertThatThrownBy(() -> LocalStack.startAttached(settings))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("s3 failed to start: s3 did not become healthy within 0s")
                .hasMessageContaining("log: " + runDir.resolve("s3").resolve("s3.log"));
    }

    private StackSettings settings(List<String> servers) {
        return new StackSettings(runDir, servers, Map.of(), StackSettings.DEFAULT_BUCKET, StackSettings.DEFAULT_START_TIMEOUT);
    }

    static String roundTrip(String bootstrap, String topic, String value) {
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producerProps.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // as the generator sends: the broker decompresses a batch to check it
        producerProps.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps)) {
            producer.send(new ProducerRecord<>(topic, "key", value)).get();
        } catch (Exception e) {
            throw new AssertionError("produce failed", e);
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
            throw new AssertionError("no record consumed from " + topic + " within 30s");
        }
    }

    static String putAndGet(Map<String, String> s3, String key, String content) throws Exception {
        try (MinioClient client = MinioClient.builder()
                .endpoint(s3.get(S3ServerKind.ENDPOINT))
                .credentials(s3.get(S3ServerKind.ACCESS_KEY), s3.get(S3ServerKind.SECRET_KEY))
                .region(s3.get(S3ServerKind.REGION))
                .build()) {
            String bucket = s3.get(S3ServerKind.BUCKET);
            assertThat(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();
            byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key)
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
    }
}
