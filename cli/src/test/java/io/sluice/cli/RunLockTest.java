package io.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RunLockTest {
    private static final String HOLDER_LINE = "pid %d, tpch.sf1 since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @TempDir
    Path runDir;

    @RegisterExtension
    final StoppedCommands commands = new StoppedCommands();

    /** A second run would fail inside Kafka Streams on the tracker's locked state; a second bench would empty the first one's servers. */
    @ParameterizedTest
    @ValueSource(strings = {"run", "bench"})
    void aSecondOneIsRefusedBeforeItTouchesTheStackAndSaysWhichProcessHoldsIt(String command) throws Exception {
        Process holder = holdInAnotherProcess(command);

        CliRun outcome = CliRun.execute(command, "--run-dir", runDir.toString(), "--sf", "0.01");

        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .matches(("error: another sluice %s is using %s \\(" + HOLDER_LINE + "\\); wait for it to finish, or give this one a run dir of its own with --run-dir")
                        .formatted(command, Pattern.quote(runDir.toString()), holder.pid()));
        assertThat(runDir).isDirectoryNotContaining(path -> !path.getFileName().toString().equals(command + ".lock"));
    }

    @Test
    void downLeavesTheServersOfARunAlone() throws Exception {
        Process holder = holdInAnotherProcess("run");

        CliRun outcome = CliRun.execute("down", "--run-dir", runDir.toString());

        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .matches(("error: a sluice run is using the stack in %s \\(" + HOLDER_LINE + "\\); stop it first \\(Ctrl-C where it runs\\), then run 'sluice down' again")
                        .formatted(Pattern.quote(runDir.toString()), holder.pid()));

        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        CliRun afterTheRun = CliRun.execute("down", "--run-dir", runDir.toString());
        assertThat(afterTheRun.exitCode()).as(afterTheRun.err()).isZero();
        assertThat(afterTheRun.out()).isEqualTo("no local stack was running in %s%n".formatted(runDir));
    }

    @Test
    void aRunAndABenchDoNotWaitForEachOther() throws Exception {
        holdInAnotherProcess("bench");

        try (RunLock ignored = RunLock.acquire(runDir, "run", "tpch.sf0_01")) {
            assertThat(RunLock.file(runDir, "run")).exists();
        }
    }

    @Test
    void theLockGoesWithItsProcessHoweverItEnds() throws Exception {
        Process holder = holdInAnotherProcess("run");
        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (RunLock ignored = RunLock.acquire(runDir, "run", "tpch.sf0_01")) {
            assertThat(Files.readString(RunLock.file(runDir, "run")))
                    .matches("pid %d, tpch.sf0_01 since .+Z".formatted(ProcessHandle.current().pid()));
        }
    }

    private Process holdInAnotherProcess(String command) throws IOException {
        return commands.launch("lock", runDir.toString(), command, "tpch.sf1");
    }
}
