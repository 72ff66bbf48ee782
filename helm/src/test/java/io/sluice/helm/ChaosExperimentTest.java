package io.sluice.helm;

import io.fabric8.chaosmesh.v1alpha1.IOChaos;
import io.fabric8.chaosmesh.v1alpha1.NetworkChaos;
import io.fabric8.chaosmesh.v1alpha1.PodChaos;
import io.fabric8.chaosmesh.v1alpha1.PodSelectorSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Chaos Mesh experiments: typed (chaos-mesh.org/v1alpha1), off by default, complete, and aimed at real pods. */
class ChaosExperimentTest
{
    private static final SluiceChart CHART = SluiceChart.load();

    @Test
    void noChaosByDefault()
    {
        RenderedChart chart = CHART.render("default");

        assertThat(chart.all(PodChaos.class)).isEmpty();
        assertThat(chart.all(NetworkChaos.class)).isEmpty();
        assertThat(chart.all(IOChaos.class)).isEmpty();
    }

    @Test
    void podKillHitsOnePodOfItsComponent()
    {
        RenderedChart chart = CHART.render("chaos");
        PodChaos kill = chart.single(PodChaos.class);

        assertThat(kill.getApiVersion()).isEqualTo("chaos-mesh.org/v1alpha1");
        assertThat(kill.getSpec().getAction()).isEqualTo("pod-kill");
        assertThat(kill.getSpec().getMode()).isEqualTo("one");
        assertThat(targets(chart, kill.getSpec().getSelector())).containsExactly("Deployment/bench-sluice-parquet-lander");
    }

    @Test
    void networkDelayHasItsLatencyAndDuration()
    {
        RenderedChart chart = CHART.render("chaos");
        NetworkChaos delay = chart.single(NetworkChaos.class);

        assertThat(delay.getSpec().getAction()).isEqualTo("delay");
        assertThat(delay.getSpec().getMode()).isEqualTo("one");
        assertThat(delay.getSpec().getDelay().getLatency()).isEqualTo("200ms");
        assertThat(delay.getSpec().getDuration()).isEqualTo("5m");
        assertThat(targets(chart, delay.getSpec().getSelector())).containsExactly("Deployment/bench-sluice-clickhouse-lander");
    }

    @Test
    void ioLatencyTargetsAVolumeTheTargetMounts()
    {
        RenderedChart chart = CHART.render("chaos");
        IOChaos latency = chart.single(IOChaos.class);

        assertThat(latency.getSpec().getAction()).isEqualTo("latency");
        assertThat(latency.getSpec().getMode()).isEqualTo("one");
        assertThat(latency.getSpec().getDelay()).isEqualTo("100ms");
        assertThat(latency.getSpec().getPercent()).isEqualTo(50);
        List<String> targets = targets(chart, latency.getSpec().getSelector());
        assertThat(targets).containsExactly("Deployment/bench-sluice-parquet-lander");
        assertThat(chart.podTemplate(targets.getFirst()).containers().getFirst().getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo(latency.getSpec().getVolumePath()));
        // and the lander writes there: its spill files, the only local data it has
        assertThat(chart.podTemplate(targets.getFirst()).containers().getFirst().getEnv())
                .filteredOn(variable -> variable.getName().equals("SLUICE_PARQUET_SPILL_DIR"))
                .singleElement()
                .satisfies(variable -> assertThat(variable.getValue()).startsWith(latency.getSpec().getVolumePath() + "/"));
    }

    @Test
    void eachExperimentCanBeSwitchedOffAlone()
    {
        RenderedChart chart = CHART.render("chaos", Map.of("faults.chaosMesh.networkDelay.enabled", false));

        assertThat(chart.all(NetworkChaos.class)).isEmpty();
        assertThat(chart.all(PodChaos.class)).hasSize(1);
    }

    private static List<String> targets(RenderedChart chart, PodSelectorSpec selector)
    {
        assertThat(selector.getNamespaces()).containsExactly(SluiceChart.NAMESPACE);
        return chart.podTemplates().stream()
                .filter(pod -> pod.matches(selector.getLabelSelectors()))
                .map(PodTemplate::workload)
                .toList();
    }
}
