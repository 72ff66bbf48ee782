package io.sluice.ingest.lander;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sluice.schema.event.Sink;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The lander's meters: {@code sluice_rows_landed_total{sink,dataset,table}},
 * {@code sluice_chunks_landed_total{sink,dataset,table}}, {@code sluice_dlq_records_total{topic,reason}},
 * {@code sluice_batch_write_seconds{sink}} (a histogram), {@code sluice_retries_total{sink}} (Prometheus names;
 * Micrometer names use dots). The consumer lag gauge is {@code ConsumerLagMeters}'.
 */
final class LanderMetrics
{
    private final MeterRegistry registry;
    private final String sink;
    private final Timer batchWrite;
    private final Counter retries;

    LanderMetrics(MeterRegistry registry, Sink sink)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.sink = sink.label();
        this.batchWrite = Timer.builder("sluice.batch.write").tag("sink", this.sink).description("time to make one batch durable in the sink")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
        this.retries = Counter.builder("sluice.retries").tag("sink", this.sink).description("batches aborted by a retryable sink failure").register(registry);
    }

    void rowsLanded(String dataset, String table, long rows)
    {
        Counter.builder("sluice.rows.landed").tag("sink", sink).tag("dataset", dataset).tag("table", table).register(registry).increment(rows);
    }

    void chunkLanded(String dataset, String table)
    {
        Counter.builder("sluice.chunks.landed").tag("sink", sink).tag("dataset", dataset).tag("table", table).register(registry).increment();
    }

    void dlqRecord(String topic, String reason)
    {
        Counter.builder("sluice.dlq.records").tag("topic", topic).tag("reason", reason).register(registry).increment();
    }

    void batchWritten(Duration duration)
    {
        batchWrite.record(duration);
    }

    void retried()
    {
        retries.increment();
    }
}
