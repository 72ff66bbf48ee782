package io.sluice.faults.local;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultTarget;
import io.sluice.faults.NetworkFaults;
import io.sluice.faults.local.proxy.Impairment;
import io.sluice.faults.local.proxy.LoopbackProxy;
import io.sluice.stack.ProcessSignals;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

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
            // a signal is delivered asynchronously: a process just started may still be running for a moment
            await().atMost(Duration.ofSeconds(5)).until(() -> SleepingTargets.state(process) == 'T');

            injector.clear(pause);
            injector.clear(pause);
            await().atMost(Duration.ofSeconds(5)).until(() -> SleepingTargets.state(process) != 'T');
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
    void slowAndLossImpairTheTargetsProxyUntilCleared()
            throws IOException
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                LoopbackProxy proxy = LoopbackProxy.start("clickhouse", (InetSocketAddress) server.getLocalSocketAddress());
                SleepingTargets targets = new SleepingTargets()) {
            LocalFaultInjector injector = new LocalFaultInjector(targets, Map.of(FaultTarget.CLICKHOUSE, proxy));
            Fault slow = Fault.parse("clickhouse:slow@benchmark/2s+5s");
            Fault loss = Fault.parse("clickhouse:loss@benchmark");
            Impairment delay = Impairment.delay(NetworkFaults.LATENCY.dividedBy(2), NetworkFaults.JITTER.dividedBy(2));

            injector.inject(slow);
            injector.inject(slow);
            assertThat(proxy.impairment()).isEqualTo(delay);
            injector.inject(loss);
            assertThat(proxy.impairment()).isEqualTo(new Impairment(delay.latency(), delay.jitter(), NetworkFaults.LOSS_PERCENT));

            injector.clear(slow);
            assertThat(proxy.impairment()).isEqualTo(Impairment.loss(NetworkFaults.LOSS_PERCENT));
            injector.clear(loss);
            injector.clear(loss);
            assertThat(proxy.impairment()).isEqualTo(Impairment.NONE);
            assertThat(targets.calls()).isEmpty();
        }
    }

    @Test
    void refusesNetworkFaultsWithoutAProxyAndTargetsNotRunningHere()
            throws IOException
    {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
                LoopbackProxy proxy = LoopbackProxy.start("trino", (InetSocketAddress) server.getLocalSocketAddress());
                SleepingTargets targets = new SleepingTargets(FaultTarget.KAFKA, FaultTarget.S3)) {
            LocalFaultInjector injector = new LocalFaultInjector(targets);
            LocalFaultInjector proxied = new LocalFaultInjector(targets, Map.of(FaultTarget.TRINO, proxy));

            assertThatThrownBy(() -> injector.check(Fault.parse("clickhouse:slow@benchmark")))
                    .hasMessage("fault 'clickhouse:slow@benchmark/0s+10s': no proxy in front of clickhouse; slow and loss act locally on a LoopbackProxy its clients connect through; targets with one: none");
            assertThatThrownBy(() -> proxied.inject(Fault.parse("kafka:loss@ingest")))
                    .hasMessage("fault 'kafka:loss@ingest/0s+10s': no proxy in front of kafka; slow and loss act locally on a LoopbackProxy its clients connect through; targets with one: trino");
            assertThatThrownBy(() -> injector.check(Fault.parse("generator:kill@generate")))
                    .hasMessage("fault 'generator:kill@generate/0s+10s': generator does not run as a process of the local stack; local targets: kafka, s3");
            // a proxied target need not be a process here
            proxied.check(Fault.parse("trino:loss@benchmark"));
            assertThat(LocalFaultInjector.needsProxy(Fault.parse("trino:slow@benchmark"))).isTrue();
            assertThat(LocalFaultInjector.needsProxy(Fault.parse("trino:pause@benchmark"))).isFalse();
            assertThat(proxy.impairment()).isEqualTo(Impairment.NONE);
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
