package io.sluice.cli.bench;

import io.sluice.schema.HostName;

import java.lang.management.ManagementFactory;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The machine a bench ran on. The load average is sampled at the start and the end because the machine may be
 * shared: rates per core hold under load, elapsed times do not.
 *
 * @param jvmOptions the JVM's {@code -X} and {@code -XX} options: heap size and huge pages move the rates (system
 * properties are left out, they may carry settings that are nobody's business in a report)
 */
public record Machine(String host, int cores, long memoryBytes, String os, String javaVersion, List<String> jvmOptions, double loadAverageAtStart, double loadAverageAtEnd)
{
    public Machine
    {
        requireNonNull(host, "host is null");
        requireNonNull(os, "os is null");
        requireNonNull(javaVersion, "javaVersion is null");
        jvmOptions = List.copyOf(requireNonNull(jvmOptions, "jvmOptions is null"));
    }

    /** This machine now; the end load average is filled in by {@link #ended()}. */
    public static Machine current()
    {
        double load = loadAverage();
        return new Machine(HostName.current(), Runtime.getRuntime().availableProcessors(), totalMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                Runtime.version().toString(), jvmOptions(ManagementFactory.getRuntimeMXBean().getInputArguments()), load, load);
    }

    public Machine ended()
    {
        return new Machine(host, cores, memoryBytes, os, javaVersion, jvmOptions, loadAverageAtStart, loadAverage());
    }

    static List<String> jvmOptions(List<String> inputArguments)
    {
        return inputArguments.stream().filter(argument -> argument.startsWith("-X")).toList();
    }

    private static double loadAverage()
    {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long totalMemory()
    {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }
}
