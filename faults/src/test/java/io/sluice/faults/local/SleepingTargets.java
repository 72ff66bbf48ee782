package io.sluice.faults.local;

import io.sluice.faults.FaultTarget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Targets that are real processes: each a {@code sleep} in its own session (so its pid is its process group, as
 * the stack's servers are), restarted as a new one. Records what was done to them, in order.
 */
final class SleepingTargets
        implements LocalTargets, AutoCloseable
{
    private final Map<FaultTarget, Process> processes = new EnumMap<>(FaultTarget.class);
    private final List<String> calls = new ArrayList<>();

    SleepingTargets(FaultTarget... targets)
    {
        for (FaultTarget target : targets) {
            processes.put(target, start());
        }
    }

    @Override
    public synchronized Set<FaultTarget> available()
    {
        return Set.copyOf(processes.keySet());
    }

    @Override
    public synchronized OptionalLong processGroup(FaultTarget target)
    {
        Process process = processes.get(target);
        return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    @Override
    public synchronized void stop(FaultTarget target)
    {
        calls.add("stop " + target.label());
        processes.get(target).destroy();
        await(processes.get(target));
    }

    @Override
    public synchronized void restart(FaultTarget target)
    {
        calls.add("restart " + target.label());
        processes.get(target).destroyForcibly();
        await(processes.get(target));
        processes.put(target, start());
    }

    synchronized List<String> calls()
    {
        return List.copyOf(calls);
    }

    synchronized Process process(FaultTarget target)
    {
        return processes.get(target);
    }

    /** The process's state letter from {@code /proc}: {@code S} sleeping, {@code T} stopped. */
    static char state(Process process)
    {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close()
    {
        processes.values().forEach(process -> {
            process.destroyForcibly();
            await(process);
        });
    }

    private static Process start()
    {
        try {
            return new ProcessBuilder("setsid", "sleep", "300").start();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void await(Process process)
    {
        try {
            process.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
