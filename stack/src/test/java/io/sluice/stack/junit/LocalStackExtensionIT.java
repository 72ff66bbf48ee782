package io.sluice.stack.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@StackServers("kafka")
class LocalStackExtensionIT {
    private final StackStatus outer;

    LocalStackExtensionIT(StackStatus outer) {
        this.outer = outer;
    }

    @Test
    void startsTheServersTheClassAsksFor(StackStatus status) {
        assertThat(status.server("kafka")).hasValueSatisfying(kafka -> assertThat(kafka.healthy()).isTrue());
    }

    @Test
    void givesTheStackToTestsThatRestartServers(LocalStack stack, StackStatus status) {
        assertThat(stack.status().server("kafka").orElseThrow().pid()).isEqualTo(status.server("kafka").orElseThrow().pid());
    }

    @Nested
    @StackServers({"kafka", "s3"})
    class AskingForMore {
        @Test
        void addsThemToTheSameStack(StackStatus status) {
            assertThat(status.servers()).extracting(ServerStatus::name).contains("kafka", "s3");
            assertThat(status.healthy()).isTrue();
            assertThat(status.server("kafka").orElseThrow().pid()).isEqualTo(outer.server("kafka").orElseThrow().pid());
            assertThat(status.runDir()).isEqualTo(outer.runDir());
        }
    }
}
