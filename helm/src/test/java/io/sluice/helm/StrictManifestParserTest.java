package io.sluice.helm;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser the chart tests rely on really rejects what Kubernetes would reject or silently drop. */
class StrictManifestParserTest
{
    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: lander
            spec:
              %s
              selector:
                matchLabels: {app: lander}
              template:
                metadata:
                  labels: {app: lander}
                spec:
                  containers:
                    - name: lander
                      image: sluice:1
                      %s
            """;

    private final StrictManifestParser parser = new StrictManifestParser();

    @Test
    void parsesAKnownKindIntoItsTypedModel()
    {
        var object = parser.parse("ok.yaml", DEPLOYMENT.formatted("replicas: 2", "args: [ingest, parquet]"));

        assertThat(object).isInstanceOfSatisfying(Deployment.class, deployment -> {
            assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
            assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs()).containsExactly("ingest", "parquet");
        });
    }

    @Test
    void rejectsAnUnknownField()
    {
        assertThatThrownBy(() -> parser.parse("typo.yaml", DEPLOYMENT.formatted("replica: 2", "args: [ingest]")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typo.yaml")
                .hasMessageContaining("replica");
    }

    @Test
    void rejectsAFieldAtTheWrongLevel()
    {
        // livenessProbe belongs to the container, not to the pod spec: a mis-indented template
        String misplaced = DEPLOYMENT.formatted("replicas: 1", "args: [ingest]") + "      livenessProbe: {tcpSocket: {port: 9400}}\n";

        assertThatThrownBy(() -> parser.parse("indent.yaml", misplaced))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("livenessProbe");
    }

    @Test
    void rejectsAKindWithoutTypedModel()
    {
        String unknown = """
                apiVersion: example.com/v1
                kind: Widget
                metadata:
                  name: w
                spec: {size: 3}
                """;

        assertThatThrownBy(() -> parser.parse("widget.yaml", unknown))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("widget.yaml");
    }

    @Test
    void rejectsAnUnknownFieldInACustomResource()
    {
        String podChaos = """
                apiVersion: chaos-mesh.org/v1alpha1
                kind: PodChaos
                metadata:
                  name: kill
                spec:
                  action: pod-kill
                  mode: one
                  selectr: {namespaces: [default]}
                """;

        assertThatThrownBy(() -> parser.parse("chaos.yaml", podChaos))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("selectr");
    }
}
