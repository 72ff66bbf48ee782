package io.sluice.benchmarks;

import io.sluice.benchmarks.checksum.ChunkChecksumBenchmark;
import io.sluice.benchmarks.parquet.ParquetWriterBenchmark;
import io.sluice.generator.rows.TpchRowEncodingBenchmark;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.util.Collection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark once, briefly, without warm-up and in this JVM, so a benchmark that no longer runs (a set-up
 * that throws, a writer that fails) fails the build. It checks that each one measures something, and the CPU
 * profiler with it, not how fast.
 */
class BenchmarksSmokeTest
{
    @Test
    void everyBenchmarkRunsAndMeasuresRows()
            throws RunnerException
    {
        Options options = new OptionsBuilder()
                .include("io\\.sluice\\..*Benchmark\\.")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .addProfiler(ProcessCpuProfiler.class)
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build();

        Collection<RunResult> results = new Runner(options).run();

        assertThat(results.stream().map(result -> result.getParams().getBenchmark()))
                .containsOnly(
                        TpchRowEncodingBenchmark.class.getName() + ".direct",
                        TpchRowEncodingBenchmark.class.getName() + ".viaAvroRecord",
                        ParquetWriterBenchmark.class.getName() + ".writeBatch",
                        ChunkChecksumBenchmark.class.getName() + ".arrayRange",
                        ChunkChecksumBenchmark.class.getName() + ".byteBuffer");
        assertThat(results.stream()
                .filter(result -> result.getParams().getBenchmark().endsWith(".writeBatch"))
                .map(result -> result.getParams().getParam("compression")))
                .containsExactlyInAnyOrder("ZSTD", "SNAPPY", "UNCOMPRESSED");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.getPrimaryResult().getScoreUnit()).isEqualTo("ops/s");
            assertThat(result.getPrimaryResult().getScore()).isPositive().isFinite();
            assertThat(result.getSecondaryResults().get("cpu.rate").getScore()).isPositive().isFinite();
            assertThat(result.getSecondaryResults().get("cpu.cores").getScore()).isPositive();
        });
    }
}
