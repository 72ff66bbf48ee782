package io.sluice.faults;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sluice.ops.MetricCatalog;
import io.sluice.ops.ScrapedMetrics;
import io.sluice.schema.event.FaultCleared;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.RecoveryObserved;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FaultMetricsTest
{
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FaultMetrics metrics = new FaultMetrics(registry);

    @Test
    void aFaultIsActiveFromItsInjectionUntilItIsCleared()
    {
        metrics.accept(new FaultInjected("run-1", "clickhouse", FaultKind.KILL, FaultPhase.QUERY, 1_000));
        ScrapedMetrics during = ScrapedMetrics.parse(registry.scrape());
        assertThat(MetricCatalog.load().exportedBy("fault-runs")).isNotEmpty()
                .allSatisfy(entry -> assertThat(during.mismatch(entry)).isEmpty());
        assertThat(during.sum("sluice_fault_active", Map.of("target", "clickhouse", "kind", "kill"))).isEqualTo(1);
        assertThat(during.sum("sluice_faults_injected_total", Map.of("target", "clickhouse", "phase", "query"))).isEqualTo(1);

        metrics.accept(new RecoveryObserved("run-1", "clickhouse", FaultKind.KILL, "first success after the fault: clickhouse q01", 5_000, 7_000));
        metrics.accept(new FaultCleared("run-1", "clickhouse", FaultKind.KILL, 6_000));

        ScrapedMetrics after = ScrapedMetrics.parse(registry.scrape());
        assertThat(after.sum("sluice_fault_active", Map.of("target", "clickhouse", "kind", "kill"))).isZero();
        assertThat(after.sum("sluice_faults_injected_total", Map.of("target", "clickhouse"))).isEqualTo(1);
    }

    @Test
    void overlappingFaultsOfOneTargetKeepItActiveUntilTheLastIsCleared()
    {
        metrics.accept(new FaultInjected("run-1", "s3", FaultKind.OUTAGE, FaultPhase.INGEST, 1_000));
        metrics.accept(new FaultInjected("run-2", "s3", FaultKind.OUTAGE, FaultPhase.QUERY, 2_000));
        metrics.accept(new FaultCleared("run-1", "s3", FaultKind.OUTAGE, 3_000));

        assertThat(ScrapedMetrics.parse(registry.scrape()).sum("sluice_fault_active", Map.of("target", "s3"))).isEqualTo(1);
        metrics.accept(new FaultCleared("run-2", "s3", FaultKind.OUTAGE, 4_000));
        assertThat(ScrapedMetrics.parse(registry.scrape()).sum("sluice_fault_active", Map.of("target", "s3"))).isZero();
    }
}
