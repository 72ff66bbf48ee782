package io.sluice.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StopHookTest {
    private Process holder;

    @AfterEach
    void stopHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    @Test
    void aStoppedCommandUndoesThenSaysHowToGoOn() throws Exception {
        BufferedReader out = start("wait");

        // SIGTERM, as from Kubernetes or kill (Ctrl-C's SIGINT runs the same hooks); Process.destroy would close our ends of its pipes
        holder.toHandle().destroy();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(out.readLine()).isEqualTo("undone");
        assertThat(out.readLine()).isNull();
        assertThat(new String(holder.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).lines())
                .containsExactly("", "stopped early; go on with the same command");
    }

    @Test
    void aCommandThatFinishesLeavesNothingToUndoOrSay() throws Exception {
        BufferedReader out = start("finish");

        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(holder.exitValue()).isZero();
        assertThat(out.readLine()).isEqualTo("finished");
        assertThat(out.readLine()).isNull();
        assertThat(holder.getErrorStream().readAllBytes()).isEmpty();
    }

    private BufferedReader start(String mode) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), StopHookHolder.class.getName(), mode).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("installed");
        return out;
    }
}
