package io.sluice.faults.kubernetes;

import io.fabric8.chaosmesh.v1alpha1.DelaySpecBuilder;
import io.fabric8.chaosmesh.v1alpha1.IOChaosBuilder;
import io.fabric8.chaosmesh.v1alpha1.LossSpecBuilder;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaosBuilder;
import io.fabric8.chaosmesh.v1alpha1.PodChaosBuilder;
import io.fabric8.chaosmesh.v1alpha1.PodSelectorSpec;
import io.fabric8.chaosmesh.v1alpha1.PodSelectorSpecBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sluice.faults.Fault;
import io.sluice.faults.FaultInjector;
import io.sluice.faults.FaultTarget;
import io.sluice.faults.NetworkFaults;
import io.sluice.schema.DurationText;
import io.sluice.schema.fault.FaultKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * Faults on the pods of one Helm release of the chart in one namespace, found by the chart's labels
 * ({@code app.kubernetes.io/instance} = release, {@code app.kubernetes.io/component} = the target's component).
 * <ul>
 *   <li>{@code kill}: deletes the target's pods; their Deployment or StatefulSet starts new ones, so clearing does
 *   nothing.</li>
 *   <li>{@code pause}: PodChaos {@code pod-failure} (the containers are replaced by a pause image).</li>
 *   <li>{@code outage}: NetworkChaos losing every packet: the pods run but cannot be reached.</li>
 *   <li>{@code loss}: NetworkChaos losing {@link NetworkFaults#LOSS_PERCENT}% of the packets.</li>
 *   <li>{@code slow}: IOChaos latency on the data volume of a storage target (kafka, s3, clickhouse), NetworkChaos
 *   delay for the others.</li>
 * </ul>
 * Every chaos resource carries the fault's duration, so Chaos Mesh lifts it even when this process dies; clearing
 * deletes it. A kill that finds no pods fails, as does a fault whose chaos name is taken by one that does not go.
 * The namespace-scoped Role for this is the chart's {@code faults.enabled}; it grants exactly the verbs sent here
 * (pods: deletecollection; chaos: get, create, delete), so a new request needs a new verb there.
 */
public final class KubernetesFaultInjector
        implements FaultInjector
{
    static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
    static final String COMPONENT_LABEL = "app.kubernetes.io/component";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    static final String MANAGED_BY = "sluice-fault-run";
    static final String NETWORK_LATENCY = NetworkFaults.LATENCY.toMillis() + "ms";
    static final String NETWORK_JITTER = NetworkFaults.JITTER.toMillis() + "ms";
    static final String IO_LATENCY = "100ms";
    static final String LOSS_PERCENT = Integer.toString(NetworkFaults.LOSS_PERCENT);

    private static final Logger log = LoggerFactory.getLogger(KubernetesFaultInjector.class);
    private static final Duration EARLIER_CHAOS_REMOVAL = Duration.ofMinutes(1);
    private static final Duration EARLIER_CHAOS_POLL = Duration.ofMillis(500);
    // where the chart mounts each storage server's data volume (templates/dependencies)
    private static final Map<FaultTarget, String> DATA_VOLUMES = Map.of(
            FaultTarget.KAFKA, "/var/lib/kafka/data",
            FaultTarget.S3, "/data",
            FaultTarget.CLICKHOUSE, "/var/lib/clickhouse");

    private final KubernetesClient client;
    private final String namespace;
    private final String release;
    // the chaos resource of each active fault; empty for an active kill, which has nothing to lift
    private final Map<Fault, Optional<Resource<GenericKubernetesResource>>> active = new HashMap<>();

    public KubernetesFaultInjector(KubernetesClient client, String namespace, String release)
    {
        this.client = requireNonNull(client, "client is null");
        this.namespace = requireText(namespace, "namespace");
        this.release = requireText(release, "release");
    }

    @Override
    public void check(Fault fault)
    {
        // every kind and target has a mapping; whether the target's pods exist is only known at injection
        requireNonNull(fault, "fault is null");
    }

    @Override
    public synchronized void inject(Fault fault)
    {
        requireNonNull(fault, "fault is null");
        if (active.containsKey(fault)) {
            return;
        }
        log.info("Injecting fault {} into release {} in namespace {}", fault, release, namespace);
        if (fault.kind() == FaultKind.KILL) {
            // one DELETE on the pods collection by label selector: the chart's Role grants only deletecollection
            // on pods, so a list-then-delete here would be refused
            List<StatusDetails> deleted = client.pods().inNamespace(namespace).withLabels(podLabels(fault.target())).delete();
            if (deleted.isEmpty()) {
                throw new IllegalStateException("no pods of %s (labels %s) in namespace %s to kill".formatted(fault.target().label(), podLabels(fault.target()), namespace));
            }
            active.put(fault, Optional.empty());
            return;
        }
        String name = chaosName(fault);
        Optional<Fault> sharing = active.keySet().stream().filter(other -> chaosName(other).equals(name)).findFirst();
        if (sharing.isPresent()) {
            throw new IllegalStateException("fault %s: its chaos %s is in use by the active fault %s; faults of one kind on one target cannot overlap"
                    .formatted(fault, name, sharing.get()));
        }
        Chaos chaos = chaos(fault);
        Resource<GenericKubernetesResource> resource = client.genericKubernetesResources(chaos.kind().context())
                .inNamespace(namespace)
                .resource(client.getKubernetesSerialization().convertValue(chaos.resource(), GenericKubernetesResource.class));
        removeEarlier(resource, name);
        resource.create();
        active.put(fault, Optional.of(resource));
    }

    /**
     * Chaos Mesh keeps an experiment after its duration (and holds a deleted one until its pods are back): one left
     * under this name by an earlier run, or by a query runner that died mid-fault, would stand in for this fault and
     * break nothing, while the run recorded a fault and a recovery. So it goes first.
     */
    private void removeEarlier(Resource<GenericKubernetesResource> resource, String name)
    {
        if (resource.get() == null) {
            return;
        }
        log.info("Deleting chaos {} left by an earlier fault", name);
        resource.delete();
        long deadline = System.nanoTime() + EARLIER_CHAOS_REMOVAL.toNanos();
        while (resource.get() != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("chaos %s in namespace %s, left by an earlier fault, is still there %s after its deletion (Chaos Mesh removes it once it has restored its pods)"
                        .formatted(name, namespace, DurationText.of(EARLIER_CHAOS_REMOVAL)));
            }
            try {
                Thread.sleep(EARLIER_CHAOS_POLL.toMillis());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for chaos %s to go".formatted(name), e);
            }
        }
    }

    @Override
    public synchronized void clear(Fault fault)
    {
        requireNonNull(fault, "fault is null");
        Optional<Resource<GenericKubernetesResource>> resource = active.get(fault);
        if (resource != null && resource.isPresent()) {
            log.info("Clearing fault {} in namespace {}", fault, namespace);
            // a deletion that fails leaves the fault active, to be cleared again
            resource.get().delete();
        }
        active.remove(fault);
    }

    /** The name of the chaos resource of a fault: {@code <release>-<target>-<kind>}, cut to 63 characters. */
    String chaosName(Fault fault)
    {
        String name = "%s-%s-%s".formatted(release, fault.target().label(), fault.kind().name().toLowerCase(Locale.ROOT));
        return name.length() <= 63 ? name : name.substring(0, 63).replaceAll("-+$", "");
    }

    private Chaos chaos(Fault fault)
    {
        ObjectMeta metadata = new ObjectMetaBuilder()
                .withName(chaosName(fault))
                .withNamespace(namespace)
                .withLabels(Map.of(INSTANCE_LABEL, release, COMPONENT_LABEL, fault.target().component(), MANAGED_BY_LABEL, MANAGED_BY))
                .build();
        PodSelectorSpec selector = new PodSelectorSpecBuilder()
                .withNamespaces(namespace)
                .withLabelSelectors(podLabels(fault.target()))
                .build();
        String duration = fault.duration().toMillis() + "ms";
        String dataVolume = DATA_VOLUMES.get(fault.target());
        return switch (fault.kind()) {
            case PAUSE -> new Chaos(ChaosKind.POD_CHAOS, new PodChaosBuilder()
                    .withMetadata(metadata)
                    .withNewSpec().withAction("pod-failure").withMode("all").withSelector(selector).withDuration(duration).endSpec()
                    .build());
            case OUTAGE -> networkLoss(metadata, selector, duration, "100");
            case LOSS -> networkLoss(metadata, selector, duration, LOSS_PERCENT);
            case SLOW -> dataVolume != null
                    ? new Chaos(ChaosKind.IO_CHAOS, new IOChaosBuilder()
                    .withMetadata(metadata)
                    .withNewSpec().withAction("latency").withMode("all").withSelector(selector).withDuration(duration)
                    .withVolumePath(dataVolume).withDelay(IO_LATENCY).withPercent(100).endSpec()
                    .build())
                    : new Chaos(ChaosKind.NETWORK_CHAOS, new NetworkChaosBuilder()
                    .withMetadata(metadata)
                    .withNewSpec().withAction("delay").withMode("all").withSelector(selector).withDuration(duration)
                    .withDelay(new DelaySpecBuilder().withLatency(NETWORK_LATENCY).withJitter(NETWORK_JITTER).build()).endSpec()
                    .build());
            case KILL -> throw new IllegalStateException("a kill deletes pods, it has no chaos resource");
        };
    }

    private static Chaos networkLoss(ObjectMeta metadata, PodSelectorSpec selector, String duration, String percent)
    {
        return new Chaos(ChaosKind.NETWORK_CHAOS, new NetworkChaosBuilder()
                .withMetadata(metadata)
                .withNewSpec().withAction("loss").withMode("all").withSelector(selector).withDuration(duration)
                .withLoss(new LossSpecBuilder().withLoss(percent).withCorrelation("0").build()).endSpec()
                .build());
    }

    private Map<String, String> podLabels(FaultTarget target)
    {
        return Map.of(INSTANCE_LABEL, release, COMPONENT_LABEL, target.component());
    }

    private record Chaos(ChaosKind kind, HasMetadata resource) {}
}
