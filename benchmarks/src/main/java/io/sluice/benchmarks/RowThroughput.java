package io.sluice.benchmarks;

import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * How every Sluice benchmark runs, inherited by JMH from this class: one thread's throughput in operations per
 * second, where each benchmark method handles a fixed batch of rows and declares it with
 * {@code @OperationsPerInvocation}, so the score reads as rows per second on one core. The batch is prepared in
 * the trial's set-up, so the measured loop is the hot part alone. Iterations are 2 s; five of warm-up because the
 * Parquet writer, a deep call tree run a few times per second, takes that long to reach its compiled speed. The
 * command line overrides any of this ({@code -wi}, {@code -i}, {@code -w}, {@code -r}, {@code -f}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
// JDK 25 warns about zstd-jni's (Parquet's ZSTD codec) native code and JMH's own sun.misc.Unsafe use unless allowed
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public abstract class RowThroughput
{
}
