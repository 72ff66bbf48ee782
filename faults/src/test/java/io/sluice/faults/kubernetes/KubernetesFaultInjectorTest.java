package io.sluice.faults.kubernetes;

import io.fabric8.chaosmesh.v1alpha1.IOChaos;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaos;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.chaosmesh.v1alpha1.PodSelectorSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sluice.faults.Fault;
import io.sluice.faults.FaultOutcome;
import io.sluice.faults.FaultRun;
import io.sluice.schema.event.FaultCleared;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultPhase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against fabric8's API server stand-in in CRUD mode: what a fault run does to a release's pods and chaos. */
@EnableKubernetesMockClient(crud = true)
class KubernetesFaultInjectorTest
{
    private static final String NAMESPACE = "bench";
    private static final String RELEASE = "sluice";
    private static final Map<String, String> SELECTED = Map.of("app.kubernetes.io/instance", RELEASE, "app.kubernetes.io/component", "clickhouse");

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void killDeletesTheTargetsPodsOnly()
    {
        pod("clickhouse-0", RELEASE, "clickhouse");
        pod("clickhouse-1", RELEASE, "clickhouse");
        pod("kafka-0", RELEASE, "kafka");
        pod("other-clickhouse-0", "other", "clickhouse");
        KubernetesFaultInjector injector = injector();
        Fault kill = Fault.parse("clickhouse:kill@benchmark");

        injector.inject(kill);
        injector.inject(kill);
        injector.clear(kill);

        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems())
                .extracting(pod -> pod.getMetadata().getName())
                .containsExactlyInAnyOrder("kafka-0", "other-clickhouse-0");
    }

    @Test
    void aKillThatFindsNoPodsFails()
    {
        pod("other-clickhouse-0", "other", "clickhouse");

        assertThatThrownBy(() -> injector().inject(Fault.parse("clickhouse:kill@benchmark")))
                .hasMessage("no pods of clickhouse (labels %s) in namespace bench to kill", SELECTED);
        assertThat(client.pods().inNamespace(NAMESPACE).list().getItems()).hasSize(1);
    }

    @Test
    void aChaosLeftUnderTheNameByAnEarlierFaultMakesWayForThisOne()
            throws InterruptedException
    {
        KubernetesFaultInjector injector = injector();
        injector.inject(Fault.parse("clickhouse:pause@benchmark+5s"));
        // the query runner that made it died: nothing clears it, Chaos Mesh keeps it after its 5 s
        takeRequests();

        Fault pause = Fault.parse("clickhouse:pause@benchmark+20s");
        injector().inject(pause);

        String chaos = "/apis/chaos-mesh.org/v1alpha1/namespaces/bench/podchaos";
        assertThat(takeRequests())
                .extracting(request -> request.getMethod() + " " + URI.create(request.getPath()).getPath())
                .containsExactly("GET " + chaos + "/sluice-clickhouse-pause", "DELETE " + chaos + "/sluice-clickhouse-pause", "GET " + chaos + "/sluice-clickhouse-pause",
                        "POST " + chaos);
        assertThat(chaos("podchaos", "sluice-clickhouse-pause", PodChaos.class).orElseThrow().getSpec().getDuration()).isEqualTo("20000ms");
    }

    @Test
    void aFaultWhoseChaosAnotherActiveFaultHoldsIsRefused()
    {
        KubernetesFaultInjector injector = injector();
        Fault planned = Fault.parse("clickhouse:pause@benchmark+60s");
        injector.inject(planned);

        assertThatThrownBy(() -> injector.inject(Fault.parse("clickhouse:pause@benchmark+10s")))
                .hasMessage("fault clickhouse:pause@benchmark/0s+10s: its chaos sluice-clickhouse-pause is in use by the active fault clickhouse:pause@benchmark/0s+60s;"
                        + " faults of one kind on one target cannot overlap");
        assertThat(chaos("podchaos", "sluice-clickhouse-pause", PodChaos.class).orElseThrow().getSpec().getDuration()).isEqualTo("60000ms");
    }

    // the chart's Role grants pods nothing but deletecollection, so a kill must stay this single request
    @Test
    void killIsOneDeleteOfThePodCollectionByTheTargetsLabels()
            throws InterruptedException
    {
        pod("clickhouse-0", RELEASE, "clickhouse");
        takeRequests();

        injector().inject(Fault.parse("clickhouse:kill@benchmark"));

        assertThat(takeRequests()).singleElement().satisfies(request -> {
            URI uri = URI.create(request.getPath());
            assertThat(request.getMethod()).isEqualTo("DELETE");
            assertThat(uri.getPath()).isEqualTo("/api/v1/namespaces/bench/pods");
            assertThat(labelSelector(uri)).isEqualTo(Set.of("app.kubernetes.io/instance=sluice", "app.kubernetes.io/component=clickhouse"));
        });
    }

    // the Role grants chaos resources get, create and delete only
    @Test
    void aChaosIsLookedUpCreatedAndDeletedByName()
            throws InterruptedException
    {
        Fault pause = Fault.parse("clickhouse:pause@benchmark+20s");
        KubernetesFaultInjector injector = injector();
        String chaos = "/apis/chaos-mesh.org/v1alpha1/namespaces/bench/podchaos";

        injector.inject(pause);
        injector.clear(pause);

        assertThat(takeRequests())
                .extracting(request -> request.getMethod() + " " + URI.create(request.getPath()).getPath())
                .containsExactly("GET " + chaos + "/sluice-clickhouse-pause", "POST " + chaos, "DELETE " + chaos + "/sluice-clickhouse-pause");
    }

    @Test
    void pauseIsAPodFailureOfTheTargetsPodsForTheDuration()
    {
        Fault pause = Fault.parse("clickhouse:pause@benchmark+20s");
        KubernetesFaultInjector injector = injector();

        injector.inject(pause);
        PodChaos chaos = chaos("podchaos", "sluice-clickhouse-pause", PodChaos.class).orElseThrow();

        assertThat(chaos.getApiVersion()).isEqualTo("chaos-mesh.org/v1alpha1");
        assertThat(chaos.getKind()).isEqualTo("PodChaos");
        assertThat(chaos.getSpec().getAction()).isEqualTo("pod-failure");
        assertThat(chaos.getSpec().getMode()).isEqualTo("all");
        assertThat(chaos.getSpec().getDuration()).isEqualTo("20000ms");
        assertSelectsTheTarget(chaos.getSpec().getSelector());
        assertThat(chaos.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "sluice-fault-run");

        injector.clear(pause);
        assertThat(chaos("podchaos", "sluice-clickhouse-pause", PodChaos.class)).isEmpty();
    }

    @Test
    void outageAndLossArePacketLossOfTheTargetsPods()
    {
        KubernetesFaultInjector injector = injector();

        injector.inject(Fault.parse("clickhouse:outage@ingest+20s"));
        injector.inject(Fault.parse("clickhouse:loss@ingest+1m"));
        NetworkChaos outage = chaos("networkchaos", "sluice-clickhouse-outage", NetworkChaos.class).orElseThrow();
        NetworkChaos loss = chaos("networkchaos", "sluice-clickhouse-loss", NetworkChaos.class).orElseThrow();

        assertThat(outage.getSpec().getAction()).isEqualTo("loss");
        assertThat(outage.getSpec().getLoss().getLoss()).isEqualTo("100");
        assertThat(outage.getSpec().getDuration()).isEqualTo("20000ms");
        assertSelectsTheTarget(outage.getSpec().getSelector());
        assertThat(loss.getSpec().getAction()).isEqualTo("loss");
        assertThat(loss.getSpec().getLoss().getLoss()).isEqualTo("25");
        assertThat(loss.getSpec().getDuration()).isEqualTo("60000ms");
    }

    @Test
    void slowDelaysTheDataVolumeOfAStorageServerAndTheNetworkOfOthers()
    {
        KubernetesFaultInjector injector = injector();

        injector.inject(Fault.parse("clickhouse:slow@benchmark+30s"));
        injector.inject(Fault.parse("parquet-lander:slow@ingest+30s"));
        IOChaos io = chaos("iochaos", "sluice-clickhouse-slow", IOChaos.class).orElseThrow();
        NetworkChaos network = chaos("networkchaos", "sluice-parquet-lander-slow", NetworkChaos.class).orElseThrow();

        assertThat(io.getSpec().getAction()).isEqualTo("latency");
        assertThat(io.getSpec().getVolumePath()).isEqualTo("/var/lib/clickhouse");
        assertThat(io.getSpec().getDelay()).isEqualTo("100ms");
        assertThat(io.getSpec().getPercent()).isEqualTo(100);
        assertSelectsTheTarget(io.getSpec().getSelector());
        assertThat(network.getSpec().getAction()).isEqualTo("delay");
        assertThat(network.getSpec().getDelay().getLatency()).isEqualTo("200ms");
        assertThat(network.getSpec().getSelector().getLabelSelectors())
                .isEqualTo(Map.of("app.kubernetes.io/instance", RELEASE, "app.kubernetes.io/component", "parquet-lander"));
    }

    @Test
    void aFailingRunStillRemovesItsChaos()
    {
        List<PipelineEvent> events = new CopyOnWriteArrayList<>();
        List<Fault> faults = List.of(Fault.parse("clickhouse:pause@benchmark+10m"), Fault.parse("s3:outage@benchmark+10m"));
        FaultRun[] started = new FaultRun[1];

        assertThatThrownBy(() -> {
            try (FaultRun run = FaultRun.start("run-1", FaultPhase.QUERY, faults, injector(), events::add, Clock.systemUTC())) {
                started[0] = run;
                awaitChaos("networkchaos", "sluice-s3-outage");
                awaitChaos("podchaos", "sluice-clickhouse-pause");
                throw new IllegalStateException("the benchmark failed");
            }
        }).hasMessage("the benchmark failed");

        assertThat(chaos("podchaos", "sluice-clickhouse-pause", PodChaos.class)).isEmpty();
        assertThat(chaos("networkchaos", "sluice-s3-outage", NetworkChaos.class)).isEmpty();
        assertThat(events).filteredOn(FaultInjected.class::isInstance).hasSize(2);
        assertThat(events).filteredOn(FaultCleared.class::isInstance).hasSize(2);
        assertThat(started[0].finish()).extracting(FaultOutcome::error).containsOnly(Optional.empty());
    }

    private KubernetesFaultInjector injector()
    {
        return new KubernetesFaultInjector(client, NAMESPACE, RELEASE);
    }

    private void pod(String name, String release, String component)
    {
        Pod pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                .withLabels(Map.of("app.kubernetes.io/instance", release, "app.kubernetes.io/component", component)).endMetadata()
                .build();
        client.pods().inNamespace(NAMESPACE).resource(pod).create();
    }

    /** The requests the server received since the last call, in order. */
    private List<RecordedRequest> takeRequests()
            throws InterruptedException
    {
        List<RecordedRequest> requests = new ArrayList<>();
        for (RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS); request != null; request = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
            requests.add(request);
        }
        return requests;
    }

    private static Set<String> labelSelector(URI uri)
    {
        return Arrays.stream(uri.getQuery().split("&"))
                .filter(parameter -> parameter.startsWith("labelSelector="))
                .flatMap(parameter -> Arrays.stream(parameter.substring("labelSelector=".length()).split(",")))
                .collect(Collectors.toSet());
    }

    private static void assertSelectsTheTarget(PodSelectorSpec selector)
    {
        assertThat(selector.getNamespaces()).containsExactly(NAMESPACE);
        assertThat(selector.getLabelSelectors()).isEqualTo(SELECTED);
    }

    // read by Chaos Mesh's own API path, so a wrong plural or group fails here
    private <T extends HasMetadata> Optional<T> chaos(String plural, String name, Class<T> type)
    {
        String json = client.raw("/apis/chaos-mesh.org/v1alpha1/namespaces/%s/%s/%s".formatted(NAMESPACE, plural, name));
        return Optional.ofNullable(json).map(text -> client.getKubernetesSerialization().unmarshal(text, type));
    }

    private void awaitChaos(String plural, String name)
            throws InterruptedException
    {
        for (int attempt = 0; attempt < 100 && client.raw("/apis/chaos-mesh.org/v1alpha1/namespaces/%s/%s/%s".formatted(NAMESPACE, plural, name)) == null; attempt++) {
            Thread.sleep(50);
        }
    }
}
