package io.sluice.generator.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.plan.ChunkPlan;
import io.sluice.generator.plan.DatasetPlan;
import io.sluice.generator.plan.DatasetPlanner;
import io.sluice.generator.progress.ProgressListener;
import io.sluice.generator.rows.ChunkRows;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.checksum.ChunkChecksum;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The generator's part of {@code sluice bench}: for the settings' tables and parts, in this process, the rate
 * of (1) the generator library alone, (2) rows converted, encoded and checksummed as for Kafka, and
 * optionally (3) a real run into Kafka. Phase 3 writes the dataset's real topics; on a dataset already
 * produced it finds every sub-chunk committed and measures nothing (its rows are then 0).
 */
public final class GeneratorBenchmark
{
    private GeneratorBenchmark() {}

    public record TableRates(String table, long rows, Duration generate, Duration encode)
    {
        public double generateRowsPerSecond()
        {
            return perSecond(rows, generate);
        }

        public double encodeRowsPerSecond()
        {
            return perSecond(rows, encode);
        }
    }

    public record Report(List<TableRates> tables, Optional<GenerationSummary> kafka)
    {
        public Report
        {
            tables = List.copyOf(tables);
            requireNonNull(kafka, "kafka is null");
        }

        public long rows()
        {
            return tables.stream().mapToLong(TableRates::rows).sum();
        }

        public double generateRowsPerSecond()
        {
            return perSecond(rows(), tables.stream().map(TableRates::generate).reduce(Duration.ZERO, Duration::plus));
        }

        public double encodeRowsPerSecond()
        {
            return perSecond(rows(), tables.stream().map(TableRates::encode).reduce(Duration.ZERO, Duration::plus));
        }

        @Override
        public String toString()
        {
            return "%,d rows: generate %,.0f rows/s, generate+encode %,.0f rows/s%s".formatted(rows(), generateRowsPerSecond(), encodeRowsPerSecond(),
                    kafka.map(summary -> ", to Kafka %,.0f rows/s (%,d rows)".formatted(summary.rowsPerSecond(), summary.rows())).orElse(""));
        }
    }

    public static Report run(GeneratorSettings settings, boolean toKafka)
    {
        DatasetPlan plan = DatasetPlanner.plan(settings);
        List<TableRates> rates = new ArrayList<>();
        for (String table : plan.tables()) {
            long rows = 0;
            long start = System.nanoTime();
            for (ChunkPlan chunk : plan.chunksOf(table)) {
                ChunkRows cursor = ChunkRows.of(chunk);
                while (cursor.next()) {
                    rows++;
                }
            }
            Duration generate = Duration.ofNanos(System.nanoTime() - start);
            ChunkChecksum checksum = new ChunkChecksum();
            start = System.nanoTime();
            for (ChunkPlan chunk : plan.chunksOf(table)) {
                ChunkRows cursor = ChunkRows.of(chunk);
                while (cursor.next()) {
                    cursor.encode(checksum);
                }
            }
            rates.add(new TableRates(table, rows, generate, Duration.ofNanos(System.nanoTime() - start)));
        }
        Optional<GenerationSummary> kafka = toKafka
                ? Optional.of(new DatasetGenerator(settings, ProgressListener.NONE, new SimpleMeterRegistry()).run())
                : Optional.empty();
        return new Report(rates, kafka);
    }

    private static double perSecond(long rows, Duration duration)
    {
        return duration.isZero() ? 0 : rows / (duration.toNanos() / 1e9);
    }
}
