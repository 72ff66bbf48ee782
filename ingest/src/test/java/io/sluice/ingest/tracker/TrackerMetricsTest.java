package io.sluice.ingest.tracker;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.ops.MetricCatalog;
import io.sluice.ops.ScrapedMetrics;
import io.sluice.ops.kafka.ConsumerLagMeters;
import io.sluice.schema.event.Sink;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TrackerMetricsTest
{
    @Test
    void exportsTheCataloguedSeriesUnderTheirPrometheusNames()
    {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrackerMetrics metrics = new TrackerMetrics(registry, Set.of(Sink.PARQUET, Sink.CLICKHOUSE));
        // before any dataset is decided, each sink's outcome series is there at 0
        ScrapedMetrics fresh = ScrapedMetrics.parse(registry.scrape());
        assertThat(fresh.sum("sluice_tracker_datasets_failed_total", Map.of("sink", "clickhouse"))).isZero();
        assertThat(fresh.sum("sluice_tracker_datasets_ready_total", Map.of("sink", "parquet"))).isZero();
        assertThat(registry.scrape()).contains("sluice_tracker_datasets_failed_total{sink=\"parquet\"} 0.0");
        try (Metrics kafkaMetrics = new Metrics()) {
            new ConsumerLagMeters(registry, "sluice-tracker", kafkaMetrics::metrics).track("sluice.events");

            metrics.eventRead("ChunkLanded");
            metrics.eventRead("ChunkLanded");
            metrics.undecodable();
            metrics.tableReady(Sink.PARQUET);
            metrics.datasetReady(Sink.PARQUET);
            metrics.datasetFailed(Sink.CLICKHOUSE);

            ScrapedMetrics scraped = ScrapedMetrics.parse(registry.scrape());
            assertThat(MetricCatalog.load().exportedBy("tracker")).isNotEmpty()
                    .allSatisfy(entry -> assertThat(scraped.mismatch(entry)).isEmpty());
            assertThat(scraped.sum("sluice_tracker_events_total", Map.of("type", "ChunkLanded"))).isEqualTo(2);
            assertThat(scraped.sum("sluice_tracker_datasets_failed_total", Map.of("sink", "clickhouse"))).isEqualTo(1);
        }
    }
}
