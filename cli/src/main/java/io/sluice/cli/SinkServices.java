package io.sluice.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.ingest.clickhouse.ClickHouseLander;
import io.sluice.ingest.clickhouse.ClickHouseSettings;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.ingest.parquet.ParquetLander;
import io.sluice.loaders.parquet.ParquetSettings;
import io.sluice.schema.event.Sink;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Starts the lander of each sink from the {@code SLUICE_*} settings; one place that knows which sinks exist. */
final class SinkServices {
    private SinkServices() {}

    /** The sinks a lander exists for; {@code sluice run} lands in all of them. */
    static Set<Sink> available() {
        return Set.of(Sink.PARQUET, Sink.CLICKHOUSE);
    }

    /**
     * @param sources dataset ids or benchmarks whose row topics the lander reads, or null for the
     *        {@code SLUICE_LANDER_SOURCES} setting
     */
    static RunningLander start(Sink sink, Map<String, String> environment, String sources, MeterRegistry registry) {
        return prepare(sink, environment, sources).apply(registry);
    }

    /** The lander of {@code sink} with its settings read, so that a bad one fails before anything starts. */
    static Function<MeterRegistry, RunningLander> prepare(Sink sink, Map<String, String> environment, String sources) {
        Map<String, String> env = new HashMap<>(environment);
        if (sources != null) {
            env.put(LanderSettings.SOURCES_ENV, sources);
        }
        LanderSettings lander = LanderSettings.fromEnvironment(env);
        return switch (sink) {
            case PARQUET -> {
                ParquetSettings parquet = ParquetSettings.fromEnvironment(env);
                yield registry -> ParquetLander.run(lander, parquet, registry);
            }
            case CLICKHOUSE -> {
                ClickHouseSettings clickHouse = ClickHouseSettings.fromEnvironment(env);
                yield registry -> ClickHouseLander.run(lander, clickHouse, registry);
            }
        };
    }
}
