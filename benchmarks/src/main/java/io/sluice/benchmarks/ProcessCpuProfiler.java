package io.sluice.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

/**
 * Adds each benchmark's rate per CPU-second of its JVM ({@code -prof io.sluice.benchmarks.ProcessCpuProfiler}):
 * the primary score times the iteration's wall time over the process's CPU time in it, counting every thread
 * (the benchmark's, GC, JIT) as {@code sluice bench} counts "per core". Wall-clock rates fall when other work
 * shares the cores; this one holds better, as long as the benchmark runs on one thread.
 */
public final class ProcessCpuProfiler
        implements InternalProfiler
{
    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription()
    {
        return "rate per CPU-second of the benchmark's process (all its threads)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams)
    {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result)
    {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        if (cpu <= 0) {
            return List.of();
        }
        Result<?> primary = result.getPrimaryResult();
        return List.of(
                new ScalarResult("cpu.rate", primary.getScore() * wall / cpu, primary.getScoreUnit().replace("/s", "/cpu-s"), AggregationPolicy.AVG),
                new ScalarResult("cpu.cores", (double) cpu / wall, "cores", AggregationPolicy.AVG));
    }
}
