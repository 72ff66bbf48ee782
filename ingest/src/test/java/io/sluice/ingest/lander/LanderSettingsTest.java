package io.sluice.ingest.lander;

import io.sluice.schema.HostName;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.event.Sink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LanderSettingsTest
{
    @Test
    void defaultsForEverythingButTheSources()
    {
        LanderSettings settings = LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch.sf1"));

        assertThat(settings.sources()).containsExactly("tpch.sf1");
        assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.groupId()).isEmpty();
        assertThat(settings.groupIdFor(Sink.PARQUET)).isEqualTo("sluice-lander-parquet");
        assertThat(settings.groupIdFor(Sink.CLICKHOUSE)).isEqualTo("sluice-lander-clickhouse");
        assertThat(settings.transactionalId()).isEmpty();
        assertThat(settings.transactionalIdFor(Sink.CLICKHOUSE)).isEqualTo("sluice-lander-clickhouse-" + HostName.current());
        assertThat(settings.batchRows()).isEqualTo(2_000_000);
        assertThat(settings.batchBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(settings.maxOpenBatches()).isEqualTo(1);
        assertThat(settings.retryBackoffMin()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.retryBackoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.dlqTopic()).isEqualTo("sluice.dlq");
        assertThat(settings.eventsTopic()).isEqualTo("sluice.events");
        assertThat(settings.topicRefresh()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.markerWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings).isEqualTo(LanderSettings.defaults(settings.kafka(), settings.sources()));
    }

    @Test
    void readsEveryVariable()
    {
        LanderSettings settings = LanderSettings.fromEnvironment(Map.ofEntries(
                Map.entry("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "broker:9093"),
                Map.entry("SLUICE_LANDER_SOURCES", " tpch.sf0_01 , tpcds ,"),
                Map.entry("SLUICE_LANDER_GROUP_ID", "landers"),
                Map.entry("SLUICE_LANDER_TRANSACTIONAL_ID", "landers-0"),
                Map.entry("SLUICE_LANDER_BATCH_ROWS", "1000"),
                Map.entry("SLUICE_LANDER_BATCH_BYTES", "2048"),
                Map.entry("SLUICE_LANDER_MAX_OPEN_BATCHES", "2"),
                Map.entry("SLUICE_LANDER_RETRY_BACKOFF_MIN_MS", "10"),
                Map.entry("SLUICE_LANDER_RETRY_BACKOFF_MAX_MS", "20"),
                Map.entry("SLUICE_LANDER_DLQ_TOPIC", "dead"),
                Map.entry("SLUICE_LANDER_EVENTS_TOPIC", "news"),
                Map.entry("SLUICE_LANDER_TOPIC_REFRESH_MS", "250"),
                Map.entry("SLUICE_LANDER_MARKER_WAIT_MS", "1500")));

        assertThat(settings.kafka().bootstrapServers()).isEqualTo("broker:9093");
        assertThat(settings.sources()).containsExactly("tpch.sf0_01", "tpcds");
        assertThat(settings.groupIdFor(Sink.PARQUET)).isEqualTo("landers");
        assertThat(settings.transactionalId()).isEqualTo(Optional.of("landers-0"));
        assertThat(settings.transactionalIdFor(Sink.PARQUET)).isEqualTo("landers-0");
        assertThat(settings.batchRows()).isEqualTo(1000);
        assertThat(settings.batchBytes()).isEqualTo(2048);
        assertThat(settings.maxOpenBatches()).isEqualTo(2);
        assertThat(settings.retryBackoffMin()).isEqualTo(Duration.ofMillis(10));
        assertThat(settings.retryBackoffMax()).isEqualTo(Duration.ofMillis(20));
        assertThat(settings.dlqTopic()).isEqualTo("dead");
        assertThat(settings.eventsTopic()).isEqualTo("news");
        assertThat(settings.topicRefresh()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.markerWait()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void subscribesToTheRowTopicsOfItsSources()
    {
        LanderSettings dataset = LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch.sf1"));
        assertThat(dataset.topicPattern().matcher("tpch.sf1.lineitem").matches()).isTrue();
        assertThat(dataset.topicPattern().matcher("tpch.sf10.lineitem").matches()).isFalse();
        assertThat(dataset.topicPattern().matcher("tpch.sf1.nosuchtable").matches()).isFalse();
        assertThat(dataset.topicPattern().matcher("sluice.events").matches()).isFalse();

        LanderSettings benchmark = LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch"));
        assertThat(benchmark.topicPattern().matcher("tpch.sf0_01.orders").matches()).isTrue();
        assertThat(benchmark.topicPattern().matcher("tpch.sf1000.region").matches()).isTrue();
        assertThat(benchmark.topicPattern().matcher("tpcds.sf1.store_sales").matches()).isFalse();
        // every dataset's own topic, and no other spelling of a dataset: those failed to parse when assigned, stopping
        // the lander at each start (sf0, sf_, sf1_2_3), or stood for another dataset (sf01, sf1_0 for sf1)
        Stream.of("0.01", "0.05", "0.1", "0.5", "1", "1.5", "3", "10", "100", "300", "1000", "10000").map(ScaleFactor::parse)
                .forEach(scale -> assertThat(benchmark.topicPattern().matcher("tpch.%s.orders".formatted(scale.token())).matches()).as(scale.token()).isTrue());
        Stream.of("sf0", "sf_", "sf1_2_3", "sf01", "sf1_0", "sf0_10", "sf00_1", "sf1_", "sf-1")
                .forEach(token -> assertThat(benchmark.topicPattern().matcher("tpch.%s.orders".formatted(token)).matches()).as(token).isFalse());

        LanderSettings table = LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch.sf1.lineitem"));
        assertThat(table.topicPattern().matcher("tpch.sf1.lineitem").matches()).isTrue();
        assertThat(table.topicPattern().matcher("tpch.sf1.orders").matches()).isFalse();
    }

    @Test
    void badValuesAreNamed()
    {
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of()))
                .hasMessage("SLUICE_LANDER_SOURCES is empty; name dataset ids (tpch.sf1), benchmarks (tpch) or tables (tpch.sf1.lineitem), comma-separated");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "nosuch")))
                .hasMessageStartingWith("SLUICE_LANDER_SOURCES entry 'nosuch' is neither a benchmark (tpch), a dataset id (tpch.sf1) nor a table (tpch.sf1.lineitem): ");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch.sf1.store_sales")))
                .hasMessageStartingWith("SLUICE_LANDER_SOURCES entry 'tpch.sf1.store_sales' is neither a benchmark (tpch), a dataset id (tpch.sf1) nor a table (tpch.sf1.lineitem): tpch has no table 'store_sales'");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch", "SLUICE_LANDER_BATCH_ROWS", "many")))
                .hasMessage("SLUICE_LANDER_BATCH_ROWS 'many' is not a whole number");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch", "SLUICE_LANDER_BATCH_ROWS", "0")))
                .hasMessage("SLUICE_LANDER_BATCH_ROWS must be >= 1, got 0");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch", "SLUICE_LANDER_BATCH_BYTES", "100")))
                .hasMessage("SLUICE_LANDER_BATCH_BYTES must be >= 1024, got 100");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch", "SLUICE_LANDER_MAX_OPEN_BATCHES", "0")))
                .hasMessage("SLUICE_LANDER_MAX_OPEN_BATCHES must be >= 1, got 0");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch",
                "SLUICE_LANDER_RETRY_BACKOFF_MIN_MS", "1000", "SLUICE_LANDER_RETRY_BACKOFF_MAX_MS", "10")))
                .hasMessage("SLUICE_LANDER_RETRY_BACKOFF_MAX_MS (10) must be >= SLUICE_LANDER_RETRY_BACKOFF_MIN_MS (1000)");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch", "SLUICE_LANDER_TOPIC_REFRESH_MS", "5")))
                .hasMessage("SLUICE_LANDER_TOPIC_REFRESH_MS must be >= 100, got 5");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch", "SLUICE_LANDER_MARKER_WAIT_MS", "0")))
                .hasMessage("SLUICE_LANDER_MARKER_WAIT_MS must be >= 100, got 0");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch", "SLUICE_LANDER_EVENTS_TOPIC", "sluice events")))
                .hasMessageStartingWith("SLUICE_LANDER_EVENTS_TOPIC='sluice events' is invalid: Topic name is invalid: 'sluice events' contains one or more characters other than");
        assertThatThrownBy(() -> LanderSettings.fromEnvironment(Map.of("SLUICE_LANDER_SOURCES", "tpch", "SLUICE_LANDER_DLQ_TOPIC", "..")))
                .hasMessage("SLUICE_LANDER_DLQ_TOPIC='..' is invalid: Topic name is invalid: '..' is not allowed");
    }
}
