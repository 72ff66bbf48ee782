package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import io.sluice.stack.junit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessLauncherIT {
    @TempDir
    Path dir;

    @Test
    void attachedChildrenDieWhenTheirJvmIsKilled() throws Exception {
        Process parent = startParentJvm(ProcessLauncher.Mode.ATTACHED);
        long group = readPid(parent);
        assertThat(ProcessGroup.members(group)).hasSizeGreaterThanOrEqualTo(3); // watchdog, sh, two sleeps

        parent.destroyForcibly().waitFor();

        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessGroup.members(group).isEmpty());
    }

    @Test
    void detachedChildrenOutliveTheirJvmAndStopAsAGroup() throws Exception {
        Process parent = startParentJvm(ProcessLauncher.Mode.DETACHED);
        long group = readPid(parent);
        Instant startedAt = ProcessHandle.of(group).orElseThrow().info().startInstant().orElseThrow();

        parent.destroyForcibly().waitFor();
        Thread.sleep(1500); // longer than a watchdog's poll: nothing may stop them
        assertThat(ProcessGroup.members(group)).hasSizeGreaterThanOrEqualTo(2); // both sleeps (and sh unless it exec-ed the last)

        ChildProcess.reattach("sleeper", group, startedAt, dir.resolve("sleeper.log"), Optional.empty()).stop(Duration.ofSeconds(5));
        assertThat(ProcessGroup.members(group)).isEmpty();
    }

    @Test
    void aRecordOlderThanTheSystemStopsNothingThatHoldsItsGroupIdNow() {
        // the leader exits at once; its two sleeps stay in its group: what a stack server's group looks like to a
        // record from before a reboot once another program's group has the same id
        ChildProcess child = ProcessLauncher.detached(_ -> {}).start(new ProcessSpec("orphans",
                List.of("sh", "-c", "sleep 600 & sleep 600 & echo started"), dir, dir.resolve("orphans.log")));
        await().atMost(Duration.ofSeconds(5)).until(() -> !child.isAlive() && ProcessGroup.members(child.pid()).size() == 2);
        try {
            ChildProcess.reattach("orphans", child.pid(), Instant.EPOCH, dir.resolve("orphans.log"), Optional.empty()).stop(Duration.ofSeconds(5));

            assertThat(ProcessGroup.members(child.pid())).hasSize(2);
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
        assertThat(ProcessGroup.members(child.pid())).isEmpty();
    }

    @Test
    void stopEndsTheWholeTreeAndReportsDeath() {
        ChildProcess child = ProcessLauncher.attached().start(new ProcessSpec("tree",
                List.of("sh", "-c", "sleep 600 & sleep 600 & echo started; wait"), dir, dir.resolve("tree.log")));
        await().atMost(Duration.ofSeconds(5)).until(() -> child.logTail(1).equals("started"));
        assertThat(child.isAlive()).isTrue();

        child.stop(Duration.ofSeconds(5));

        assertThat(child.isAlive()).isFalse();
        assertThat(ProcessGroup.members(child.pid())).isEmpty();
    }

    @Test
    void stopKillsWhatIgnoresTermAfterTheGrace() {
        ChildProcess child = ProcessLauncher.detached(_ -> {}).start(new ProcessSpec("stubborn",
                List.of("sh", "-c", "trap '' TERM; sleep 600 & echo started; wait"), dir, dir.resolve("stubborn.log")));
        await().atMost(Duration.ofSeconds(5)).until(() -> child.logTail(1).equals("started"));

        long begin = System.nanoTime();
        child.stop(Duration.ofSeconds(1));

        assertThat(ProcessGroup.members(child.pid())).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(5));
    }

    @Test
    void aStoppedGroupIsResumedSoThatItEndsOnTermBeforeTheGrace() {
        ChildProcess child = ProcessLauncher.detached(_ -> {}).start(new ProcessSpec("paused",
                List.of("sh", "-c", "trap 'echo ended on TERM; exit 0' TERM; echo started; while :; do sleep 0.1; done"), dir, dir.resolve("paused.log")));
        await().atMost(Duration.ofSeconds(5)).until(() -> child.logTail(1).equals("started"));
        ProcessSignals.signalGroup(child.pid(), "STOP");
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessGroup.anyStopped(child.pid()));

        child.stop(Duration.ofSeconds(60));

        assertThat(ProcessGroup.members(child.pid())).isEmpty();
        assertThat(child.logTail(1)).as("SIGKILL after the grace leaves no last words").isEqualTo("ended on TERM");
    }

    @Test
    void attachedChildKeepsItsExitCode() {
        ChildProcess child = ProcessLauncher.attached().start(new ProcessSpec("exit",
                List.of("sh", "-c", "echo bye; exit 3"), dir, dir.resolve("exit.log")));

        assertThat(child.waitFor(Duration.ofSeconds(10))).isTrue();
        assertThat(child.exitCode()).hasValue(3);
        assertThat(child.logTail(5)).isEqualTo("bye");
    }

    @Test
    void runReportsAFailureWithItsLastLogLine() {
        ProcessSpec failing = new ProcessSpec("format", List.of("sh", "-c", "echo working; echo disk is full >&2; exit 2"),
                dir, dir.resolve("format.log"));

        assertThatThrownBy(() -> ProcessLauncher.detached(_ -> {}).run(failing, Duration.ofSeconds(10)))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("format failed with exit code 2: disk is full");
    }

    @Test
    void javaHomeIsAJdk25() throws IOException {
        Path home = ProcessLauncher.attached().javaHome();
        assertThat(Files.readAllLines(home.resolve("release"))).anyMatch(line -> line.matches("JAVA_VERSION=\"(2[5-9]|[3-9][0-9]).*"));
    }

    private Process startParentJvm(ProcessLauncher.Mode mode) throws IOException {
        return new ProcessBuilder(ChildJvm.command(List.of(), OrphaningParent.class, mode.name(), dir.toString()))
                .redirectError(dir.resolve("parent.err").toFile())
                .start();
    }

    private static long readPid(Process parent) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8))) {
            String line = reader.readLine();
            assertThat(line).as("pid printed by the parent JVM").isNotNull().matches("\\d+");
            return Long.parseLong(line);
        }
    }
}
