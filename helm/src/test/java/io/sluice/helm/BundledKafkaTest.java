package io.sluice.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.sluice.faults.FaultTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled Kafka of a self-contained install: a KRaft controller apart from the broker, so that a {@code kafka}
 * kill fault takes the broker only and the controller fences it before a new broker pod starts (a combined node
 * restarted after a kill can leave a transaction open on a partition for good; stack/README.md).
 */
class BundledKafkaTest
{
    private static final SluiceChart CHART = SluiceChart.load();
    private static final String COMPONENT = "app.kubernetes.io/component";

    @Test
    void aKafkaFaultSelectsTheBrokerAloneAndTheControllerIsAPodOfItsOwn()
    {
        RenderedChart chart = CHART.render("self-contained");

        Map<String, String> faultSelector = Map.of("app.kubernetes.io/instance", SluiceChart.RELEASE, COMPONENT, FaultTarget.KAFKA.component());
        List<PodTemplate> killed = chart.podTemplates().stream().filter(pod -> pod.matches(faultSelector)).toList();
        assertThat(killed).hasSize(1);
        assertThat(env(killed.getFirst(), "kafka")).containsEntry("KAFKA_PROCESS_ROLES", "broker");
        assertThat(env(controller(chart), "kafka-controller")).containsEntry("KAFKA_PROCESS_ROLES", "controller");
    }

    @Test
    void theBrokerJoinsTheControllerAndStartsOnlyAfterItsSessionTimeout()
    {
        RenderedChart chart = CHART.render("self-contained");
        PodTemplate broker = chart.podTemplates().stream().filter(pod -> FaultTarget.KAFKA.component().equals(pod.labels().get(COMPONENT))).findFirst().orElseThrow();
        Map<String, String> brokerEnv = env(broker, "kafka");
        Map<String, String> controllerEnv = env(controller(chart), "kafka-controller");

        assertThat(brokerEnv.get("CLUSTER_ID")).isNotBlank().isEqualTo(controllerEnv.get("CLUSTER_ID"));
        assertThat(brokerEnv.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(controllerEnv.get("KAFKA_CONTROLLER_QUORUM_VOTERS"))
                .startsWith("1@").contains(SluiceChart.NAMESPACE).endsWith(":9093");
        assertThat(brokerEnv.get("KAFKA_NODE_ID")).isNotEqualTo(controllerEnv.get("KAFKA_NODE_ID"));
        long sessionTimeoutMs = Long.parseLong(controllerEnv.get("KAFKA_BROKER_SESSION_TIMEOUT_MS"));
        assertThat(Long.parseLong(brokerEnv.get("KAFKA_BROKER_HEARTBEAT_INTERVAL_MS")) * 4).isLessThanOrEqualTo(sessionTimeoutMs);

        List<Container> init = broker.spec().getInitContainers();
        assertThat(init).hasSize(1);
        String wait = init.getFirst().getCommand().getLast();
        assertThat(wait).matches("sleep [0-9]+");
        assertThat(Long.parseLong(wait.substring("sleep ".length())) * 1000).isGreaterThan(sessionTimeoutMs);
    }

    private static PodTemplate controller(RenderedChart chart)
    {
        List<PodTemplate> controllers = chart.podTemplates().stream().filter(pod -> "kafka-controller".equals(pod.labels().get(COMPONENT))).toList();
        assertThat(controllers).hasSize(1);
        return controllers.getFirst();
    }

    private static Map<String, String> env(PodTemplate pod, String container)
    {
        return pod.containers().stream()
                .filter(candidate -> candidate.getName().equals(container))
                .findFirst().orElseThrow()
                .getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }
}
