package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import io.sluice.stack.junit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGKILL during {@code sluice up}: what the stopped JVM launched is either recorded (so {@code down} stops
 * it) or stopped.
 */
class LocalStackInterruptedUpIT {
    @TempDir
    Path runDir;

    @Test
    void aJvmStoppedWhileAServerStartsLeavesNothingThatDownDoesNotStop() throws Exception {
        Process up = startUp();
        try {
            // the controller's JVM is launched and not yet healthy, so not yet in stack.json: stop up now, as Ctrl-C does
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> processesOf(up).stream().anyMatch(process -> commandLine(process).contains(" kafka.Kafka ")));
            up.destroy();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).as("up exits on SIGTERM").isTrue();
        } finally {
            up.destroyForcibly();
        }

        LocalStack.down(runDir);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(processesOf(up)).extracting(LocalStackInterruptedUpIT::commandLine)
                .as("processes of the run dir after up was stopped and down ran").isEmpty());
    }

    @Test
    void aJvmKilledWhileAServerStartsLeavesNothingThatDownDoesNotStop() throws Exception {
        Process up = startUp();
        try {
            // SIGKILL runs no shutdown hook: the server being started is stopped only if up recorded it at launch
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> StackState.read(runDir).map(state -> state.servers().stream().anyMatch(server -> server.endpoints().isEmpty())).orElse(false));
            List<ProcessHandle> launched = processesOf(up);
            assertThat(launched).extracting(LocalStackInterruptedUpIT::commandLine).anyMatch(line -> line.contains(" kafka.Kafka "));
            up.destroyForcibly();
            assertThat(up.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(LocalStack.status(runDir)).get().satisfies(status -> assertThat(status.healthy()).as("a server still starting, or orphaned").isFalse());
        } finally {
            up.destroyForcibly();
        }

        assertThat(LocalStack.down(runDir)).isTrue();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(processesOf(up)).extracting(LocalStackInterruptedUpIT::commandLine)
                .as("processes of the run dir after up was killed and down ran").isEmpty());
    }

    private Process startUp() throws Exception {
        return new ProcessBuilder(ChildJvm.command(List.of(), StackUpProcess.class, runDir.toString(), "kafka"))
                .redirectErrorStream(true)
                .redirectOutput(runDir.resolve("up.log").toFile())
                .start();
    }

    /** Every live process but {@code up} itself whose command line names the run dir. */
    private List<ProcessHandle> processesOf(Process up) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.pid() != up.pid())
                .filter(process -> commandLine(process).contains(runDir.toString()))
                .toList();
    }

    private static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("") + " ";
    }
}
