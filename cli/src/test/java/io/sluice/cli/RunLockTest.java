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
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RunLockTest {
    private static final String HOLDER_LINE = "pid %d, tpch.sf1 since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

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
        holder = holdInAnotherProcess("run");

        CliRun outcome = CliRun.execute("run", "--run-dir", runDir.toString(), "--sf", "0.01", "--no-benchmark");

        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .matches(("error: another sluice run is using %s \\(" + HOLDER_LINE + "\\); wait for it to finish, or give this one a run dir of its own with --run-dir")
                        .formatted(Pattern.quote(runDir.toString()), holder.pid()));
        assertThat(runDir).isDirectoryNotContaining(path -> !path.getFileName().toString().equals("run.lock"));
    }

    @Test
    void aSecondBenchIsRefusedBeforeItEmptiesTheFirstOnesServers() throws Exception {
        holder = holdInAnotherProcess("bench");

        CliRun outcome = CliRun.execute("bench", "--run-dir", runDir.toString(), "--scale-factor", "0.01", "--repetitions", "1", "--warmup", "0");

        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .matches(("error: another sluice bench is using %s \\(" + HOLDER_LINE + "\\); wait for it to finish, or give this one a run dir of its own with --run-dir")
                        .formatted(Pattern.quote(runDir.toString()), holder.pid()));
        assertThat(runDir).isDirectoryNotContaining(path -> !path.getFileName().toString().equals("bench.lock"));
    }

    @Test
    void aRunAndABenchDoNotWaitForEachOther() throws Exception {
        holder = holdInAnotherProcess("bench");

        try (RunLock ignored = RunLock.acquire(runDir, "run", "tpch.sf0_01")) {
            assertThat(RunLock.file(runDir, "run")).exists();
        }
    }

    @Test
    void theLockGoesWithItsProcessHoweverItEnds() throws Exception {
        holder = holdInAnotherProcess("run");
        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (RunLock ignored = RunLock.acquire(runDir, "run", "tpch.sf0_01")) {
            assertThat(Files.readString(RunLock.file(runDir, "run")))
                    .matches("pid %d, tpch.sf0_01 since .+Z".formatted(ProcessHandle.current().pid()));
        }
    }

    private Process holdInAnotherProcess(String command) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), RunLockHolder.class.getName(), runDir.toString(), command, "tpch.sf1")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return process;
    }
}
