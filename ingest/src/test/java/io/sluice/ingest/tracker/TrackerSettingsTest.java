package io.sluice.ingest.tracker;

import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackerSettingsTest
{
    @Test
    void defaultsWhenNothingIsSet()
    {
        TrackerSettings settings = TrackerSettings.fromEnvironment(Map.of());
        assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.applicationId()).isEqualTo("sluice-tracker");
        assertThat(settings.stateDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "sluice-tracker"));
        assertThat(settings.landTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.checkInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.expectedSinks()).containsExactlyInAnyOrder(Sink.PARQUET, Sink.CLICKHOUSE);
        assertThat(settings.eventsTopic()).isEqualTo("sluice.events");
        assertThat(settings.replicationFactor()).isEqualTo(-1);
        assertThat(settings.stateMemoryBytes()).isEqualTo(64L << 20);
        assertThat(settings.standbyReplicas()).isZero();
        assertThat(settings).isEqualTo(TrackerSettings.defaults(KafkaClientSettings.plaintext("127.0.0.1:9092")));
    }

    @Test
    void readsEveryVariable()
    {
        TrackerSettings settings = TrackerSettings.fromEnvironment(Map.of(
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "SLUICE_TRACKER_APPLICATION_ID", "tracker-2",
                "SLUICE_TRACKER_STATE_DIR", "/var/lib/tracker",
                "SLUICE_TRACKER_LAND_TIMEOUT_MS", "60000",
                "SLUICE_TRACKER_CHECK_INTERVAL_MS", "500",
                "SLUICE_TRACKER_SINKS", " Parquet ",
                "SLUICE_TRACKER_EVENTS_TOPIC", "events",
                "SLUICE_TRACKER_REPLICATION_FACTOR", "3",
                "SLUICE_TRACKER_STATE_MEMORY_BYTES", "268435456",
                "SLUICE_TRACKER_STANDBY_REPLICAS", "1"));
        assertThat(settings).isEqualTo(new TrackerSettings(KafkaClientSettings.plaintext("kafka:9092"), "tracker-2", Path.of("/var/lib/tracker"),
                Duration.ofMinutes(1), Duration.ofMillis(500), Set.of(Sink.PARQUET), "events", 3, 256L << 20, 1));
    }

    @Test
    void badValuesNameTheirVariable()
    {
        assertThatThrownBy(() -> TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_SINKS", "parquet,duckdb")))
                .hasMessage("SLUICE_TRACKER_SINKS entry 'duckdb' is not a sink; use parquet, clickhouse");
        assertThatThrownBy(() -> TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_SINKS", ",")))
                .hasMessage("SLUICE_TRACKER_SINKS is empty; name parquet, clickhouse or both, comma-separated");
        assertThatThrownBy(() -> TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_LAND_TIMEOUT_MS", "10m")))
                .hasMessage("SLUICE_TRACKER_LAND_TIMEOUT_MS '10m' is not a whole number");
        assertThatThrownBy(() -> TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_CHECK_INTERVAL_MS", "1")))
                .hasMessage("SLUICE_TRACKER_CHECK_INTERVAL_MS must be >= 10, got 1");
        assertThatThrownBy(() -> TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_REPLICATION_FACTOR", "0")))
                .hasMessage("SLUICE_TRACKER_REPLICATION_FACTOR must be -1 (broker default) or >= 1, got 0");
        assertThatThrownBy(() -> TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_EVENTS_TOPIC", "events/all")))
                .hasMessageStartingWith("SLUICE_TRACKER_EVENTS_TOPIC='events/all' is invalid: Topic name is invalid");
        assertThatThrownBy(() -> TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_STATE_MEMORY_BYTES", "1048576")))
                .hasMessage("SLUICE_TRACKER_STATE_MEMORY_BYTES must be >= 8388608, got 1048576");
        assertThatThrownBy(() -> TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_STANDBY_REPLICAS", "-1")))
                .hasMessage("SLUICE_TRACKER_STANDBY_REPLICAS must be >= 0, got -1");
    }

    @Test
    void theStreamsAppRunsExactlyOnceWithItsStandbysAndItsStoresShareOneMemory()
    {
        try (StateMemory memory = new StateMemory(16L << 20)) {
            var properties = CompletionTracker.streamsProperties(TrackerSettings.fromEnvironment(Map.of("SLUICE_TRACKER_STANDBY_REPLICAS", "1")), memory);
            assertThat(properties).containsEntry("processing.guarantee", "exactly_once_v2").containsEntry("num.standby.replicas", 1)
                    .containsEntry("rocksdb.config.setter", BoundedStateMemory.class).containsEntry("sluice.tracker.state.memory", memory);
        }
    }
}
