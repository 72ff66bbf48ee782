package io.sluice.stack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;
import io.sluice.stack.StackStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedStackIT {
    @TempDir
    Path runDir;

    @Test
    void ownStackStopsOnClose() {
        SharedStack shared = new SharedStack(Optional.empty());
        long pid;
        try (shared) {
            StackStatus status = shared.ensure(List.of("s3"));
            assertThat(status.healthy()).isTrue();
            pid = status.server("s3").orElseThrow().pid();
            assertThat(ProcessHandle.of(pid)).isPresent();
        }
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
    }

    @Test
    void reusesAnUpStackAddsToItAndLeavesItRunning() {
        StackStatus up = LocalStack.up(new StackSettings(runDir, List.of("s3"), Map.of(), "bench", Duration.ofMinutes(1)));
        try {
            long s3 = up.server("s3").orElseThrow().pid();
            try (SharedStack shared = new SharedStack(Optional.of(runDir))) {
                assertThat(shared.ensure(List.of("s3")).server("s3").orElseThrow().pid()).isEqualTo(s3);

                StackStatus more = shared.ensure(List.of("kafka"));
                assertThat(more.healthy()).isTrue();
                assertThat(more.server("s3").orElseThrow().pid()).isEqualTo(s3);
                assertThat(more.endpoint("s3", "bucket")).isEqualTo("bench");
                assertThat(more.server("kafka")).isPresent();
            }
            assertThat(LocalStack.status(runDir)).hasValueSatisfying(status -> assertThat(status.healthy()).isTrue());
        } finally {
            LocalStack.down(runDir);
        }
    }
}
