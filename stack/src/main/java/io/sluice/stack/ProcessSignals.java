package io.sluice.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Sends a signal to a whole process group with {@code kill}, for the signals Java cannot send (it has only TERM and
 * KILL): the stack's servers run in their own groups, and a server's children (ClickHouse's, Trino's launcher) must
 * stop and resume with it.
 */
public final class ProcessSignals {
    private ProcessSignals() {}

    /**
     * @param signal a signal name {@code kill} knows: {@code KILL}, {@code STOP}, {@code CONT}
     */
    public static void signalGroup(long processGroup, String signal) {
        // a wrong id would freeze or kill this JVM (or everything, for 0 and 1), not the target
        if (processGroup <= 1 || ProcessGroup.groupOf(ProcessHandle.current().pid()).orElse(-1) == processGroup) {
            throw new IllegalArgumentException("refusing to send SIG%s to process group %d: not a target's own group".formatted(signal, processGroup));
        }
        ProcessBuilder command = new ProcessBuilder("kill", "-" + signal, "--", "-" + processGroup).redirectErrorStream(true);
        try {
            Process process = command.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kill -%s -- -%d failed: %s".formatted(signal, processGroup, output));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal, e);
        }
    }
}
