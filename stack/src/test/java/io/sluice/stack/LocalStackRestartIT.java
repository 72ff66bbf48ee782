package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.sluice.stack.clickhouse.ClickHouseServerKind;
import io.sluice.stack.kafka.KafkaServerKind;
import io.sluice.stack.s3.S3ServerKind;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LocalStack#stop} and {@link LocalStack#restart}: the same endpoints and the same data afterwards. */
class LocalStackRestartIT {
    @TempDir
    Path runDir;

    @Test
    void restartedServersKeepEndpointsCredentialsAndData() throws Exception {
        StackSettings settings = new StackSettings(runDir, List.of("kafka", "s3", "clickhouse"), Map.of(),
                StackSettings.DEFAULT_BUCKET, StackSettings.DEFAULT_START_TIMEOUT);
        try (LocalStack stack = LocalStack.startAttached(settings)) {
            StackStatus before = stack.status();
            String bootstrap = before.endpoint("kafka", KafkaServerKind.BOOTSTRAP_SERVERS);
            Map<String, String> s3 = before.server("s3").orElseThrow().endpoints();
            String clickhouse = before.endpoint("clickhouse", ClickHouseServerKind.HTTP_URL);
            String topic = "restart-" + UUID.randomUUID();
            assertThat(LocalStackIT.roundTrip(bootstrap, topic, "before")).isEqualTo("before");
            LocalStackIT.putAndGet(s3, "kept/object.txt", "kept bytes");
            clickhouse(clickhouse, "CREATE TABLE kept (id UInt64) ENGINE = MergeTree ORDER BY id");
            clickhouse(clickhouse, "INSERT INTO kept SELECT number FROM numbers(42)");

            stack.stop("s3");
            assertThat(stack.status().server("s3").orElseThrow().healthy()).isFalse();
            assertThat(new S3ServerKind().healthy(s3)).isFalse();

            // while one server restarts, the stack answers for the others (a fault run pauses one and restarts another)
            CompletableFuture<StackStatus> restarting = CompletableFuture.supplyAsync(() -> stack.restart("kafka"));
            long oldKafka = before.server("kafka").orElseThrow().pid();
            StackStatus during = stack.status();
            while (during.server("kafka").orElseThrow().pid() == oldKafka) {
                Thread.sleep(50);
                during = stack.status();
            }
            assertThat(restarting.isDone()).as("the stack's status while kafka is not ready yet").isFalse();
            assertThat(during.server("clickhouse").orElseThrow().healthy()).isTrue();
            restarting.get(2, TimeUnit.MINUTES);

            for (String server : List.of("s3", "kafka", "clickhouse")) {
                StackStatus after = stack.restart(server);
                assertThat(after.healthy()).as(server + " healthy after its restart").isTrue();
                assertThat(after.server(server).orElseThrow().endpoints()).isEqualTo(before.server(server).orElseThrow().endpoints());
                assertThat(after.server(server).orElseThrow().pid()).isNotEqualTo(before.server(server).orElseThrow().pid());
            }

            assertThat(read(s3, "kept/object.txt")).isEqualTo("kept bytes");
            // a new group reads from the earliest offset: the first record is the one produced before the restart
            assertThat(LocalStackIT.roundTrip(bootstrap, topic, "after")).isEqualTo("before");
            assertThat(clickhouse(clickhouse, "SELECT count() FROM kept").strip()).isEqualTo("42");
            for (String server : List.of("s3", "kafka", "clickhouse")) {
                assertThat(ProcessGroup.members(before.server(server).orElseThrow().pid())).as(server + " old processes").isEmpty();
            }
        }
    }

    @Test
    void anUnknownServerIsNamed() {
        StackSettings settings = new StackSettings(runDir, List.of("s3"), Map.of(), StackSettings.DEFAULT_BUCKET,
                StackSettings.DEFAULT_START_TIMEOUT);
        try (LocalStack stack = LocalStack.startAttached(settings)) {
            assertThatThrownBy(() -> stack.restart("kafka"))
                    .isInstanceOf(StackException.class)
                    .hasMessage("no server 'kafka' in this stack; it has: s3");
        }
    }

    private static String read(Map<String, String> s3, String key) throws Exception {
        try (MinioClient client = MinioClient.builder()
                .endpoint(s3.get(S3ServerKind.ENDPOINT))
                .credentials(s3.get(S3ServerKind.ACCESS_KEY), s3.get(S3ServerKind.SECRET_KEY))
                .region(s3.get(S3ServerKind.REGION))
                .build();
                InputStream in = client.getObject(GetObjectArgs.builder().bucket(s3.get(S3ServerKind.BUCKET)).object(key).build())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String clickhouse(String httpUrl, String sql) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(httpUrl + "/"))
                    .POST(HttpRequest.BodyPublishers.ofString(sql)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }
    }
}
