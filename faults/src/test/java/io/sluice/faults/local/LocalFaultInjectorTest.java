package io.sluice.faults.local;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultTarget;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFaultInjectorTest
{
    @Test
    void pauseStopsTheProcessGroupUntilCleared()
    {
        try (SleepingTargets targets = new SleepingTargets(FaultTarget.CLICKHOUSE)) {
            LocalFaultInjector injector = new LocalFaultInjector(targets);
            Fault pause = Fault.parse("clickhouse:pause@benchmark");
            Process process = targets.process(FaultTarget.CLICKHOUSE);

            injector.inject(pause);
            injector.inject(pause);
            assertThat(SleepingTargets.state(process)).isEqualTo('T');

            injector.clear(pause);
            injector.clear(pause);
            assertThat(SleepingTargets.state(process)).isNotEqualTo('T');
            assertThat(process.isAlive()).isTrue();
            assertThat(targets.calls()).isEmpty();
        }
    }

    @Test
    void killIsSigkillAndClearingRestarts()
            throws InterruptedException
    {
        try (SleepingTargets targets = new SleepingTargets(FaultTarget.KAFKA)) {
            LocalFaultInjector injector = new LocalFaultInjector(targets);
            Fault kill = Fault.parse("kafka:kill@ingest");
            Process killed = targets.process(FaultTarget.KAFKA);

            injector.inject(kill);
            assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
            // 128 + 9: SIGKILL, not the orderly stop an outage is
            assertThat(killed.exitValue()).isEqualTo(137);

            injector.clear(kill);
            assertThat(targets.calls()).containsExactly("restart kafka");
            assertThat(targets.process(FaultTarget.KAFKA).isAlive()).isTrue();
        }
    }

    @Test
    void outageStopsAndClearingRestarts()
    {
        try (SleepingTargets targets = new SleepingTargets(FaultTarget.S3)) {
            LocalFaultInjector injector = new LocalFaultInjector(targets);
            Fault outage = Fault.parse("s3:outage@ingest+20s");

            injector.inject(outage);
            assertThat(targets.processGroup(FaultTarget.S3)).isEmpty();
            injector.clear(outage);
            injector.clear(outage);

            assertThat(targets.calls()).containsExactly("stop s3", "restart s3");
            assertThat(targets.processGroup(FaultTarget.S3)).isPresent();
        }
    }

    @Test
    void refusesNetworkFaultsAndTargetsNotRunningHere()
    {
        try (SleepingTargets targets = new SleepingTargets(FaultTarget.KAFKA, FaultTarget.S3)) {
            LocalFaultInjector injector = new LocalFaultInjector(targets);

            assertThatThrownBy(() -> injector.check(Fault.parse("kafka:slow@ingest")))
                    .hasMessage("fault 'kafka:slow@ingest/0s+10s': the local stack supports kill, pause and outage; slow and loss need a Kubernetes release with Chaos Mesh");
            assertThatThrownBy(() -> injector.inject(Fault.parse("kafka:loss@ingest")))
                    .hasMessageContaining("the local stack supports kill, pause and outage");
            assertThatThrownBy(() -> injector.check(Fault.parse("generator:kill@generate")))
                    .hasMessage("fault 'generator:kill@generate/0s+10s': generator does not run as a process of the local stack; local targets: kafka, s3");
            assertThat(targets.calls()).isEmpty();
        }
    }

    @Test
    void neverSignalsItsOwnProcessGroup()
    {
        assertThatThrownBy(() -> ProcessSignals.signalGroup(1, "STOP"))
                .hasMessage("refusing to send SIGSTOP to process group 1: not a target's own group");
        long ownGroup = processGroupOf(ProcessHandle.current().pid());
        assertThatThrownBy(() -> ProcessSignals.signalGroup(ownGroup, "STOP"))
                .hasMessage("refusing to send SIGSTOP to process group %d: not a target's own group".formatted(ownGroup));
    }

    private static long processGroupOf(long pid)
    {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[2]);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
