package io.sluice.ingest.lander;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.ops.MetricCatalog;
import io.sluice.ops.ScrapedMetrics;
import io.sluice.ops.kafka.ConsumerLagMeters;
import io.sluice.schema.event.Sink;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LanderMetricsTest
{
    @Test
    void exportsTheCataloguedSeriesUnderTheirPrometheusNames()
    {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LanderMetrics metrics = new LanderMetrics(registry, Sink.CLICKHOUSE);
        try (Metrics kafkaMetrics = new Metrics()) {
            new ConsumerLagMeters(registry, "sluice-lander-clickhouse", kafkaMetrics::metrics).track("tpch.sf1.nation");

            metrics.rowsLanded("tpch.sf1", "nation", 20);
            metrics.rowsLanded("tpch.sf1", "nation", 5);
            metrics.chunkLanded("tpch.sf1", "nation");
            metrics.dlqRecord("tpch.sf1.nation", "UNKNOWN_FINGERPRINT");
            metrics.batchWritten(Duration.ofMillis(120));
            metrics.retried();

            ScrapedMetrics scraped = ScrapedMetrics.parse(registry.scrape());
            assertThat(MetricCatalog.load().exportedBy("lander")).isNotEmpty()
                    .allSatisfy(entry -> assertThat(scraped.mismatch(entry)).isEmpty());
            assertThat(scraped.sum("sluice_rows_landed_total", Map.of("sink", "clickhouse", "dataset", "tpch.sf1", "table", "nation"))).isEqualTo(25);
            assertThat(scraped.sum("sluice_batch_write_seconds", Map.of("sink", "clickhouse"))).isEqualTo(1);
        }
    }
}
