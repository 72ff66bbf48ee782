package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
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

        assertThat(LocalStack.down(runDir)).isTrue();
        assertGone(first);
        assertThat(LocalStack.status(runDir)).isEmpty();
        assertThat(LocalStack.down(runDir)).as("down with nothing up").isFalse();

        StackStatus second = LocalStack.up(settings);
        assertThat(second.healthy()).isTrue();
        assertThat(LocalStack.down(runDir)).isTrue();
        assertGone(second);
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
