package io.sluice.queryrunner.run;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The query runner's meter: {@code sluice_query_duration_seconds{engine,query,status}} (a histogram; Prometheus
 * name), one sample per measured execution sent to an engine. Warm-ups are left out as they are from the report;
 * so are executions failed without being sent (no driver for the engine, or no session could be opened), which
 * have no duration. The status label keeps a timeout's plan-long wait out of the latency of the queries that
 * answered.
 */
public final class QueryMetrics
{
    static final String DURATION = "sluice.query.duration";

    private final MeterRegistry registry;

    public QueryMetrics(MeterRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
    }

    void executed(Execution execution)
    {
        if (execution.warmup()) {
            return;
        }
        Timer.builder(DURATION)
                .description("duration of one timed query execution")
                .tag("engine", execution.engine().name().toLowerCase(Locale.ROOT))
                .tag("query", execution.query())
                .tag("status", execution.status().label())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry)
                .record(Duration.ofMillis(execution.wallMs()));
    }
}
