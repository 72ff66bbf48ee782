package io.sluice.cli;

import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackStatus;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceEnvironmentTest {
    private static final StackStatus STACK = new StackStatus(Path.of("/run"), List.of(
            new ServerStatus("kafka", 1, true, Map.of("bootstrapServers", "127.0.0.1:9")),
            new ServerStatus("s3", 2, true, Map.of("endpoint", "http://127.0.0.1:8", "bucket", "b", "region", "r", "accessKey", "a", "secretKey", "s")),
            new ServerStatus("clickhouse", 3, true, Map.of("jdbcUrl", "jdbc:clickhouse://127.0.0.1:7/default")),
            new ServerStatus("trino", 4, true, Map.of("jdbcUrl", "jdbc:trino://127.0.0.1:6"))));

    @Test
    void stackEndpointsFillTheServiceSettings() {
        assertThat(ServiceEnvironment.of(Map.of(), Optional.of(STACK))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9",
                "SLUICE_S3_ENDPOINT", "http://127.0.0.1:8",
                "SLUICE_S3_BUCKET", "b",
                "SLUICE_S3_REGION", "r",
                "SLUICE_S3_ACCESS_KEY", "a",
                "SLUICE_S3_SECRET_KEY", "s",
                "SLUICE_CLICKHOUSE_URL", "jdbc:clickhouse://127.0.0.1:7/default",
                "SLUICE_TRINO_JDBC_URL", "jdbc:trino://127.0.0.1:6",
                "SLUICE_TRACKER_STATE_DIR", "/run/ingest-tracker"));
    }

    @Test
    void theEnvironmentWinsOverTheStackAndBlankValuesDoNot() {
        Map<String, String> settings = ServiceEnvironment.of(
                Map.of("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "broker:9092", "SLUICE_S3_BUCKET", " ", "OTHER", "x"), Optional.of(STACK));
        assertThat(settings).containsEntry("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "broker:9092")
                .containsEntry("SLUICE_S3_BUCKET", "b")
                .containsEntry("OTHER", "x");
    }

    @Test
    void withoutAStackOnlyTheEnvironmentCounts() {
        assertThat(ServiceEnvironment.of(Map.of("SLUICE_S3_BUCKET", "x"), Optional.empty())).isEqualTo(Map.of("SLUICE_S3_BUCKET", "x"));
    }
}
