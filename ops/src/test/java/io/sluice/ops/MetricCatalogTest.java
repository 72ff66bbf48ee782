package io.sluice.ops;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class MetricCatalogTest
{
    @Test
    void everyEntryIsAPrometheusNameOfAKnownTypeAndExporter()
    {
        MetricCatalog catalog = MetricCatalog.load();

        assertThat(catalog.entries()).isNotEmpty().allSatisfy(entry -> {
            assertThat(entry.name()).matches("sluice_[a-z0-9_]+");
            assertThat(entry.type()).isIn("counter", "gauge", "histogram");
            if (entry.type().equals("counter")) {
                assertThat(entry.name()).endsWith("_total");
            }
            assertThat(entry.exporters()).isNotEmpty().isSubsetOf(Set.of("generator", "lander", "tracker", "query-runner", "fault-runs"));
            assertThat(entry.meaning()).isNotBlank();
        });
        assertThat(catalog.entries()).extracting(MetricCatalog.Entry::name).doesNotHaveDuplicates();
    }
}
