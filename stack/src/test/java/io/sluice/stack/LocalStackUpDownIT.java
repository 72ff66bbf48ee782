package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackUpDownIT {
    @TempDir
    Path runDir;

    @Test
    void upStatusDownUpDownLeavesNoProcess() throws Exception {
        StackSettings settings = new StackSettings(runDir, List.of("kafka", "s3"), Map.of(),
                StackSettings.DEFAULT_BUCKET, StackSettings.DEFAULT_START_TIMEOUT);

        StackStatus first = LocalStack.up(settings);
        assertThat(first.healthy()).isTrue();
        Path state = runDir.resolve("stack.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state))).isEqualTo("rw-------");
        assertThat(LocalStack.status(runDir)).hasValueSatisfying(status -> {
            assertThat(status.healthy()).isTrue();
            assertThat(status.servers()).extracting(ServerStatus::pid)
                    .containsExactlyElementsOf(first.servers().stream().map(ServerStatus::pid).toList());
        });
        StackStatus again = LocalStack.up(settings);
        assertThat(again.servers()).extracting(ServerStatus::pid)
                .as("up on a healthy stack starts nothing").containsExactlyElementsOf(pids(first));

        // a server that died (a crash, a reboot) is started again on its data by the next up: the datasets stay
        Path object = Files.writeString(runDir.resolve("s3").resolve("blobs").resolve(settings.bucket()).resolve("kept.txt"), "an object");
        kill(first.server("s3").orElseThrow().pid());
        assertThat(LocalStack.status(runDir).orElseThrow().healthy()).isFalse();
        StackStatus broughtBack = LocalStack.up(settings);
        assertThat(broughtBack.healthy()).isTrue();
        assertThat(broughtBack.server("kafka").orElseThrow().pid()).as("a healthy server is left alone").isEqualTo(first.server("kafka").orElseThrow().pid());
        assertThat(broughtBack.server("s3").orElseThrow().endpoints()).isEqualTo(first.server("s3").orElseThrow().endpoints());
        assertThat(object).hasContent("an object");

        // one that cannot come back (its port taken meanwhile) gives an empty stack, not an error
        URI s3 = URI.create(broughtBack.server("s3").orElseThrow().endpoints().get("endpoint"));
        kill(broughtBack.server("s3").orElseThrow().pid());
        StackStatus empty;
        try (ServerSocket _ = new ServerSocket(s3.getPort(), 1, InetAddress.getLoopbackAddress())) {
            empty = LocalStack.up(settings);
        }
        assertThat(empty.healthy()).isTrue();
        assertThat(empty.server("kafka").orElseThrow().pid()).isNotEqualTo(first.server("kafka").orElseThrow().pid());
        assertThat(URI.create(empty.server("s3").orElseThrow().endpoints().get("endpoint")).getPort()).isNotEqualTo(s3.getPort());
        assertThat(object).doesNotExist();
        assertGone(first);

        // what a fault run does: restart a server of the recorded stack from a JVM that did not start it
        StackStatus restarted;
        try (LocalStack attached = LocalStack.attach(settings).orElseThrow()) {
            restarted = attached.restart("s3");
        }
        assertThat(restarted.healthy()).isTrue();
        assertThat(restarted.server("s3").orElseThrow().endpoints()).isEqualTo(empty.server("s3").orElseThrow().endpoints());
        assertThat(restarted.server("s3").orElseThrow().pid()).isNotEqualTo(empty.server("s3").orElseThrow().pid());
        assertThat(ProcessGroup.members(empty.server("s3").orElseThrow().pid())).as("the s3 process before the restart").isEmpty();
        assertThat(LocalStack.status(runDir)).as("the restarted server is recorded")
                .hasValueSatisfying(status -> assertThat(pids(status)).containsExactlyElementsOf(pids(restarted)));

        assertThat(LocalStack.down(runDir)).isTrue();
        assertGone(restarted);
        assertThat(LocalStack.status(runDir)).isEmpty();
        assertThat(LocalStack.down(runDir)).as("down with nothing up").isFalse();

        StackStatus second = LocalStack.up(settings);
        assertThat(second.healthy()).isTrue();
        assertThat(LocalStack.down(runDir)).isTrue();
        assertGone(second);
    }

    private static void kill(long processGroup) throws Exception {
        for (ProcessHandle process : ProcessGroup.members(processGroup)) {
            process.destroyForcibly();
            process.onExit().get(30, TimeUnit.SECONDS);
        }
    }

    private static List<Long> pids(StackStatus status) {
        return status.servers().stream().map(ServerStatus::pid).toList();
    }

    private static void assertGone(StackStatus status) {
        for (ServerStatus server : status.servers()) {
            assertThat(ProcessGroup.members(server.pid())).as(server.name() + " processes").isEmpty();
            assertThat(ServerKinds.byName(server.name()).orElseThrow().healthy(server.endpoints())).as(server.name() + " probe").isFalse();
        }
    }
}
