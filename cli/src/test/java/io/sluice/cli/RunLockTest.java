package io.sluice.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RunLockTest {
    @TempDir
    Path runDir;

    private Process holder;

    @AfterEach
    void stopHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    @Test
    void aSecondRunIsRefusedBeforeItTouchesTheStackAndSaysWhichRunHoldsIt() throws Exception {
        holder = holdInAnotherProcess("tpch.sf1 since 2026-12-05T10:00:00Z");

        CliRun outcome = CliRun.execute("run", "--run-dir", runDir.toString(), "--sf", "0.01", "--no-benchmark");

        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .isEqualTo("error: another sluice run is using the stack in %s (pid %d, tpch.sf1 since 2026-12-05T10:00:00Z); "
                        + "wait for it to finish, or run this one on a stack of its own with --run-dir", runDir, holder.pid());
        assertThat(runDir).isDirectoryNotContaining(path -> !path.getFileName().toString().equals(RunLock.FILE_NAME));
    }

    @Test
    void theLockGoesWithItsProcessHoweverItEnds() throws Exception {
        holder = holdInAnotherProcess("tpch.sf1 since 2026-12-05T10:00:00Z");
        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (RunLock ignored = RunLock.acquire(runDir, "tpch.sf0_01 since now")) {
            assertThat(Files.readString(runDir.resolve(RunLock.FILE_NAME)))
                    .isEqualTo("pid %d, tpch.sf0_01 since now", ProcessHandle.current().pid());
        }
    }

    private Process holdInAnotherProcess(String holderText) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), RunLockHolder.class.getName(), runDir.toString(), holderText)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return process;
    }
}
