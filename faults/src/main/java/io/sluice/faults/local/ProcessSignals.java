package io.sluice.faults.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal to a whole process group with {@code kill}: the stack's servers run in their own groups, and a
 * server's children (ClickHouse's, Trino's launcher) must stop and resume with it.
 */
final class ProcessSignals
{
    private ProcessSignals() {}

    /**
     * @param signal a signal name {@code kill} knows: {@code KILL}, {@code STOP}, {@code CONT}
     */
    static void signalGroup(long processGroup, String signal)
    {
        // a wrong id would freeze or kill this JVM (or everything, for 0 and 1), not the target
        if (processGroup <= 1 || processGroup == ownProcessGroup()) {
            throw new IllegalArgumentException("refusing to send SIG%s to process group %d: not a target's own group".formatted(signal, processGroup));
        }
        ProcessBuilder command = new ProcessBuilder("kill", "-" + signal, "--", "-" + processGroup).redirectErrorStream(true);
        try {
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kill -%s -- -%d failed: %s".formatted(signal, processGroup, output));
            }
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot run kill: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }

    private static long ownProcessGroup()
    {
        try {
            // /proc/self/stat: "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[2]);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot read this process's group from /proc/self/stat: " + e.getMessage(), e);
        }
    }
}
