package io.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BenchProcessTest {
    @Test
    void aBenchStoppedBySigtermStopsItsChildBench(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        Process parent = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-cp", System.getProperty("java.class.path"),
                BenchChildProbe.class.getName(), pidFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("parent.log").toFile()).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile));
        ProcessHandle child = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
        try {
            // SIGTERM to the parent alone, as kill or a timeout sends it: the child is not in the signal's reach
            parent.destroy();
            assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(child.isAlive()).as("the child bench after its parent stopped").isFalse());
        }
        finally {
            parent.destroyForcibly();
            child.destroyForcibly();
        }
    }
}
