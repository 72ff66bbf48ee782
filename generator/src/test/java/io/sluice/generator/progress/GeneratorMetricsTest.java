package io.sluice.generator.progress;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.ops.MetricCatalog;
import io.sluice.ops.ScrapedMetrics;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GeneratorMetricsTest
{
    @Test
    void exportsTheCataloguedSeriesUnderTheirPrometheusNames()
    {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GeneratorMetrics metrics = new GeneratorMetrics(registry);

        metrics.committed("tpch.sf1", "nation", 25, 2_000);
        metrics.committed("tpch.sf1", "nation", 0, 0);
        metrics.committed("tpch.sf1", "region", 5, 300);

        ScrapedMetrics scraped = ScrapedMetrics.parse(registry.scrape());
        assertThat(MetricCatalog.load().exportedBy("generator")).isNotEmpty()
                .allSatisfy(entry -> assertThat(scraped.mismatch(entry)).isEmpty());
        assertThat(scraped.sum("sluice_rows_produced_total", Map.of("dataset", "tpch.sf1", "table", "nation"))).isEqualTo(25);
        assertThat(scraped.sum("sluice_chunks_produced_total", Map.of("dataset", "tpch.sf1", "table", "nation"))).isEqualTo(2);
        assertThat(scraped.sum("sluice_bytes_produced_total", Map.of("dataset", "tpch.sf1"))).isEqualTo(2_300);
    }
}
