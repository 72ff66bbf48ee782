package io.sluice.cli;

import io.sluice.stack.ServerStatus;
import io.sluice.stack.StackStatus;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatusViewTest {
    private static final ServerStatus KAFKA = new ServerStatus("kafka", 101, true, Map.of("bootstrapServers", "127.0.0.1:9092"));

    @Test
    void aHealthyStackIsItsServersAndNoSecret() {
        String text = print(new StackStatus(Path.of("/runs/a"), List.of(KAFKA,
                new ServerStatus("s3", 102, true, Map.of("accessKey", "AK", "secretKey", "SK")))));

        assertThat(text.lines()).containsExactly(
                "local stack in /runs/a",
                "  kafka      healthy   pid 101      [bootstrapServers=127.0.0.1:9092]",
                "  s3         healthy   pid 102      [accessKey=AK]");
    }

    @Test
    void aStackWithAServerDownSaysHowToBringItBack() {
        String text = print(new StackStatus(Path.of("/runs/a"), List.of(KAFKA, new ServerStatus("clickhouse", 103, false, Map.of()))));

        assertThat(text.lines()).containsExactly(
                "local stack in /runs/a",
                "  kafka      healthy   pid 101      [bootstrapServers=127.0.0.1:9092]",
                "  clickhouse UNHEALTHY pid 103      []",
                "  'sluice up' (or the next 'sluice run') starts the servers that are down again on their data; 'sluice down' stops the stack");
    }

    private static String print(StackStatus status) {
        StringWriter text = new StringWriter();
        StatusView.print(new PrintWriter(text), status, false);
        return text.toString();
    }
}
