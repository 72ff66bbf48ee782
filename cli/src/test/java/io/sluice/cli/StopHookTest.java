package io.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class StopHookTest {
    @RegisterExtension
    final StoppedCommands commands = new StoppedCommands();

    @Test
    void aStoppedCommandSaysItStopsUndoesThenSaysHowToGoOn() throws Exception {
        Process command = commands.launch("hook", "wait");

        StoppedCommands.terminate(command);
        assertThat(command.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(command.inputReader(StandardCharsets.UTF_8).readLine()).isNull();
        assertThat(command.errorReader(StandardCharsets.UTF_8).lines()).containsExactly("", "stopping: undoing", "undone", "stopped early; go on with the same command");
    }

    @Test
    void aCommandThatFinishesLeavesNothingToUndoOrSay() throws Exception {
        Process command = commands.launch("hook", "finish");

        assertThat(command.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(command.exitValue()).isZero();
        BufferedReader out = command.inputReader(StandardCharsets.UTF_8);
        assertThat(out.readLine()).isEqualTo("finished");
        assertThat(out.readLine()).isNull();
        assertThat(command.getErrorStream().readAllBytes()).isEmpty();
    }
}
