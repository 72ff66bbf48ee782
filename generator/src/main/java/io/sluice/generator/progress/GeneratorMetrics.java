package io.sluice.generator.progress;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Committed output as Micrometer counters tagged {@code table} (and {@code dataset}):
 * {@code sluice.rows.produced}, {@code sluice.bytes.produced}, {@code sluice.chunks.produced}, which a
 * Prometheus registry exposes as {@code sluice_rows_produced_total} etc. Counted at commit, so aborted
 * sub-chunks never count.
 */
public final class GeneratorMetrics
{
    public static final String ROWS = "sluice.rows.produced";
    public static final String BYTES = "sluice.bytes.produced";
    public static final String CHUNKS = "sluice.chunks.produced";

    private final MeterRegistry registry;
    private final Map<String, Counter[]> counters = new HashMap<>();

    public GeneratorMetrics(MeterRegistry registry)
    {
        this.registry = requireNonNull(registry, "registry is null");
    }

    public void committed(String dataset, String table, long rows, long bytes)
    {
        Counter[] tableCounters = counters.computeIfAbsent(dataset + "/" + table, _ -> new Counter[] {
                counter(ROWS, "rows committed to row topics", dataset, table),
                counter(BYTES, "row payload bytes committed (the rows' canonical bytes, before block framing and compression)", dataset, table),
                counter(CHUNKS, "sub-chunk transactions committed", dataset, table)});
        tableCounters[0].increment(rows);
        tableCounters[1].increment(bytes);
        tableCounters[2].increment();
    }

    // no base units: Prometheus would append them to the name (sluice_rows_produced_rows_total)
    private Counter counter(String name, String description, String dataset, String table)
    {
        return Counter.builder(name).description(description).tag("dataset", dataset).tag("table", table).register(registry);
    }
}
