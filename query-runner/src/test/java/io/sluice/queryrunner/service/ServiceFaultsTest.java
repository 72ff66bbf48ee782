package io.sluice.queryrunner.service;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sluice.faults.FaultsCsv;
import io.sluice.faults.kubernetes.KubernetesFaultInjector;
import io.sluice.queryrunner.plan.PlanParser;
import io.sluice.schema.command.RunFault;
import io.sluice.schema.event.FaultCleared;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The query runner's fault runs against fabric8's API server stand-in: the cluster a {@code RunFault} breaks. */
@EnableKubernetesMockClient(crud = true)
class ServiceFaultsTest
{
    private static final String NAMESPACE = "bench";
    private static final String RELEASE = "sluice";

    KubernetesClient client;

    @TempDir
    Path resultsDir;

    private final List<PipelineEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void aRunFaultCommandKillsTheTargetsPodsAndRecordsTheOutcome()
            throws Exception
    {
        pod("parquet-lander-0", "parquet-lander");
        pod("tracker-0", "tracker");
        try (ServiceFaults faults = kubernetes()) {
            assertThat(faults.start(new RunFault("kill-1", "parquet-lander", FaultKind.KILL, FaultPhase.INGEST, Optional.empty(), Optional.of(200L)))).isEmpty();

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(resultsDir.resolve("kill-1").resolve(FaultsCsv.FILE_NAME)));
        }
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).extracting(pod -> pod.getMetadata().getName()).containsExactly("tracker-0");
        assertThat(events).hasAtLeastOneElementOfType(FaultInjected.class).hasAtLeastOneElementOfType(FaultCleared.class);
        List<String> csv = Files.readAllLines(resultsDir.resolve("kill-1").resolve(FaultsCsv.FILE_NAME));
        assertThat(csv).hasSize(2);
        assertThat(csv.get(1)).startsWith("parquet-lander,kill,ingest,");
    }

    @Test
    void commandsThatCannotBeCarriedOutAreRejectedWithTheReason()
    {
        try (ServiceFaults faults = kubernetes()) {
            assertThat(faults.start(new RunFault("f", "zookeeper", FaultKind.KILL, FaultPhase.QUERY, Optional.empty(), Optional.empty())))
                    .hasValueSatisfying(reason -> assertThat(reason).contains("unknown target 'zookeeper'"));
        }
        try (ServiceFaults off = new ServiceFaults(Optional.empty(), events::add, resultsDir, Clock.systemUTC(), Duration.ZERO, List.of())) {
            assertThat(off.start(new RunFault("f", "clickhouse", FaultKind.KILL, FaultPhase.QUERY, Optional.empty(), Optional.empty())))
                    .hasValue("RunFault f, but fault runs are off: set SLUICE_FAULT_INJECTOR=kubernetes (chart: faults.enabled=true)");
        }
        assertThat(events).isEmpty();
    }

    @Test
    void aPlanWithFaultsNeedsFaultRunsOn()
    {
        var plan = new PlanParser().parse("benchmark: tpch\nfaults: [\"clickhouse:kill@benchmark/5s\"]", "chaos.yaml", "chaos");
        try (ServiceFaults off = new ServiceFaults(Optional.empty(), events::add, resultsDir, Clock.systemUTC(), Duration.ZERO, List.of())) {
            assertThatThrownBy(() -> off.check(List.of(plan)))
                    .hasMessage("plan 'chaos' has fault clickhouse:kill@benchmark/5s+10s, but fault runs are off: set SLUICE_FAULT_INJECTOR=kubernetes (chart: faults.enabled=true)");
        }
        try (ServiceFaults faults = kubernetes()) {
            faults.check(List.of(plan));
        }
    }

    private ServiceFaults kubernetes()
    {
        return new ServiceFaults(Optional.of(new KubernetesFaultInjector(client, NAMESPACE, RELEASE)), events::add, resultsDir, Clock.systemUTC(),
                Duration.ofMillis(100), List.of());
    }

    private void pod(String name, String component)
    {
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .addToLabels("app.kubernetes.io/instance", RELEASE)
                .addToLabels("app.kubernetes.io/component", component)
                .endMetadata()
                .build()).create();
    }
}
