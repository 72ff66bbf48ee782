package io.sluice.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLifetimeTest {
    @RegisterExtension
    final StoppedCommands commands = new StoppedCommands();

    @Test
    void aServiceStoppedBySigtermClosesWithoutAnError() throws Exception {
        Process command = commands.launch("service", "run");

        StoppedCommands.terminate(command);
        assertThat(command.waitFor(30, TimeUnit.SECONDS)).isTrue();

        List<String> out = command.inputReader(StandardCharsets.UTF_8).lines().toList();
        assertThat(out).contains("closed");
        // logged once the service has closed: a pod's log tells a finished stop from one the kill cut short
        assertThat(out.getLast()).endsWith("ServiceLifetime - test service stopped");
        // while it closes, the service is not running: that is the stop asked for, not a failure to report
        assertThat(command.errorReader(StandardCharsets.UTF_8).lines()).noneMatch(line -> line.contains("error") || line.contains("stopped"));
    }

    @Test
    void aServiceThatStopsByItselfFailsTheCommandWithItsReason() throws Exception {
        Process command = commands.launch("service", "fail");

        assertThat(command.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(command.errorReader(StandardCharsets.UTF_8).lines()).contains("error: test service stopped: its disk is full");
    }
}
