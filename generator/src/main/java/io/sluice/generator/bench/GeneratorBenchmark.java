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

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The generator's part of {@code sluice bench}: for the settings' tables and parts, in this process, the rate
 * of (1) the generator library alone, (2) rows converted, encoded and checksummed as for Kafka, and
 * optionally (3) a real run into Kafka. Phase 3 writes the dataset's real topics; on a dataset already
 * produced it finds every sub-chunk committed and measures nothing (its rows are then 0). Each phase also
 * records this process's CPU time over it (all threads: the generating thread, GC, JIT and, for Kafka, the
 * producer's sender), so rates per core hold on a machine busy with other work.
 */
public final class GeneratorBenchmark
{
    private GeneratorBenchmark() {}

    /**
     * @param generateCpu this process's CPU time over {@code generate}
     * @param encodeCpu this process's CPU time over {@code encode}
     */
    public record TableRates(String table, long rows, Duration generate, Duration encode, Duration generateCpu, Duration encodeCpu)
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

    /**
     * @param kafkaCpu this process's CPU time over the run into Kafka, present with {@code kafka}
     */
    public record Report(List<TableRates> tables, Optional<GenerationSummary> kafka, Optional<Duration> kafkaCpu)
    {
        public Report
        {
            tables = List.copyOf(tables);
            requireNonNull(kafka, "kafka is null");
            requireNonNull(kafkaCpu, "kafkaCpu is null");
        }

        public Duration generateCpu()
        {
            return tables.stream().map(TableRates::generateCpu).reduce(Duration.ZERO, Duration::plus);
        }

        public Duration encodeCpu()
        {
            return tables.stream().map(TableRates::encodeCpu).reduce(Duration.ZERO, Duration::plus);
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
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            for (ChunkPlan chunk : plan.chunksOf(table)) {
                ChunkRows cursor = ChunkRows.of(chunk);
                while (cursor.next()) {
                    rows++;
                }
            }
            Duration generate = Duration.ofNanos(System.nanoTime() - start);
            Duration generateCpu = Duration.ofNanos(processCpuNanos() - cpu);
            ChunkChecksum checksum = new ChunkChecksum();
            cpu = processCpuNanos();
            start = System.nanoTime();
            for (ChunkPlan chunk : plan.chunksOf(table)) {
                ChunkRows cursor = ChunkRows.of(chunk);
                while (cursor.next()) {
                    cursor.encode(checksum);
                }
            }
            Duration encode = Duration.ofNanos(System.nanoTime() - start);
            rates.add(new TableRates(table, rows, generate, encode, generateCpu, Duration.ofNanos(processCpuNanos() - cpu)));
        }
        if (!toKafka) {
            return new Report(rates, Optional.empty(), Optional.empty());
        }
        long cpu = processCpuNanos();
        GenerationSummary kafka = new DatasetGenerator(settings, ProgressListener.NONE, new SimpleMeterRegistry()).run();
        return new Report(rates, Optional.of(kafka), Optional.of(Duration.ofNanos(processCpuNanos() - cpu)));
    }

    private static long processCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double perSecond(long rows, Duration duration)
    {
        return duration.isZero() ? 0 : rows / (duration.toNanos() / 1e9);
    }
}
