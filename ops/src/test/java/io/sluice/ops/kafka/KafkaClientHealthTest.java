package io.sluice.ops.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against Kafka's own metrics registry, named as the clients name theirs. */
class KafkaClientHealthTest
{
    @Test
    void connectedWhileAnyClientHoldsAConnection()
    {
        try (Metrics metrics = new Metrics()) {
            AtomicLong consumerConnections = new AtomicLong();
            AtomicLong producerConnections = new AtomicLong();
            gauge(metrics, metrics.metricName("connection-count", "consumer-metrics", Map.of("client-id", "c")), consumerConnections);
            gauge(metrics, metrics.metricName("connection-count", "producer-metrics", Map.of("client-id", "p")), producerConnections);

            assertThat(KafkaClientHealth.connected(metrics.metrics())).isFalse();
            producerConnections.set(1);
            assertThat(KafkaClientHealth.connected(metrics.metrics())).isTrue();
            producerConnections.set(0);
            consumerConnections.set(2);
            assertThat(KafkaClientHealth.connected(metrics.metrics())).isTrue();
        }
    }

    @Test
    void lagSumsThePartitionsOfOneTopic()
    {
        try (Metrics metrics = new Metrics()) {
            assertThat(KafkaClientHealth.lag(metrics.metrics(), "tpch.sf1.lineitem")).isEmpty();
            gauge(metrics, lagName(metrics, "tpch.sf1.lineitem", 0), new AtomicLong(100));
            gauge(metrics, lagName(metrics, "tpch.sf1.lineitem", 1), new AtomicLong(23));
            gauge(metrics, lagName(metrics, "tpch.sf1.orders", 0), new AtomicLong(5));
            // the per-topic aggregate (no partition tag) must not be counted twice
            gauge(metrics, metrics.metricName("records-lag", "consumer-fetch-manager-metrics", Map.of("client-id", "c", "topic", "tpch.sf1.lineitem")), new AtomicLong(123));

            assertThat(KafkaClientHealth.lag(metrics.metrics(), "tpch.sf1.lineitem")).hasValue(123);
            assertThat(KafkaClientHealth.lag(metrics.metrics(), "tpch.sf1.orders")).hasValue(5);
        }
    }

    @Test
    void lagGaugePerGroupAndTopic()
    {
        try (Metrics metrics = new Metrics()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            ConsumerLagMeters lag = new ConsumerLagMeters(registry, "sluice-lander-parquet", metrics::metrics);
            lag.track("tpch.sf1.nation");
            lag.track("tpch.sf1.nation");

            assertThat(registry.get("sluice.consumer.lag").tags("group", "sluice-lander-parquet", "topic", "tpch.sf1.nation").gauge().value()).isNaN();
            gauge(metrics, lagName(metrics, "tpch.sf1.nation", 0), new AtomicLong(7));
            assertThat(registry.get("sluice.consumer.lag").tags("group", "sluice-lander-parquet", "topic", "tpch.sf1.nation").gauge().value()).isEqualTo(7);
            assertThat(registry.find("sluice.consumer.lag").gauges()).hasSize(1);
        }
    }

    @Test
    void lagGaugeOfWhatTheConsumerMeasured()
    {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PartitionLags lags = new PartitionLags();
        ConsumerLagMeters lag = new ConsumerLagMeters(registry, "sluice-lander-parquet", lags);
        lag.track("tpch.sf1.lineitem");
        DoubleSupplier lineitem = registry.get("sluice.consumer.lag").tags("group", "sluice-lander-parquet", "topic", "tpch.sf1.lineitem").gauge()::value;

        assertThat(lineitem.getAsDouble()).isNaN();
        lags.report(new TopicPartition("tpch.sf1.lineitem", 0), 100);
        lags.report(new TopicPartition("tpch.sf1.lineitem", 1), 23);
        lags.report(new TopicPartition("tpch.sf1.orders", 0), 5);
        assertThat(lineitem.getAsDouble()).isEqualTo(123);
        lags.report(new TopicPartition("tpch.sf1.lineitem", 0), 0);
        assertThat(lineitem.getAsDouble()).isEqualTo(23);
        lags.forget(List.of(new TopicPartition("tpch.sf1.lineitem", 1)));
        assertThat(lineitem.getAsDouble()).isZero();
        lags.forget(List.of(new TopicPartition("tpch.sf1.lineitem", 0)));
        assertThat(lineitem.getAsDouble()).isNaN();
        assertThat(lags.ofTopic("tpch.sf1.orders")).hasValue(5);
        assertThatThrownBy(() -> lags.report(new TopicPartition("tpch.sf1.orders", 0), -1)).hasMessageContaining("lag must be >= 0");
    }

    private static MetricName lagName(Metrics metrics, String topic, int partition)
    {
        return metrics.metricName("records-lag", "consumer-fetch-manager-metrics", Map.of("client-id", "c", "topic", topic, "partition", String.valueOf(partition)));
    }

    private static void gauge(Metrics metrics, MetricName name, AtomicLong value)
    {
        metrics.addMetric(name, (Gauge<Long>) (config, now) -> value.get());
    }
}
