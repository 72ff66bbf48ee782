package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackStateTest {
    @Test
    void aStackOfTheCurrentLayoutHasEveryRequirement() {
        StackState state = stateOf("kafka-controller", "kafka", "s3", "clickhouse", "trino");

        assertThat(state.unmetRequirement()).isEmpty();
    }

    @Test
    void aKafkaRecordedWithoutItsControllerIsAnOlderLayout() {
        // what sluice recorded before Kafka's controller became a server of its own
        StackState state = stateOf("kafka", "s3", "clickhouse");

        assertThat(state.unmetRequirement()).contains("kafka runs without kafka-controller");
    }

    private static StackState stateOf(String... names) {
        return new StackState(List.of(names).stream()
                .map(name -> new StackState.Server(name, 1, "2026-12-05T00:00:00Z", "/tmp/" + name + ".log", Map.of(), null))
                .toList());
    }
}
