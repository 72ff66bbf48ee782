package io.sluice.helm;

import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sluice.faults.Fault;
import io.sluice.faults.FaultTarget;
import io.sluice.faults.kubernetes.KubernetesFaultInjector;
import io.sluice.schema.fault.FaultKind;
import io.sluice.schema.fault.FaultPhase;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault injector's Role is exactly what the injector sends: every fault of every kind on every target is injected
 * and cleared against fabric8's API server stand-in, each request is turned into the RBAC verb the API server would
 * authorize it by, and the set must equal what the rendered Role grants. A verb too few is a fault the API server
 * refuses in a real cluster; a verb too many is a right nothing uses.
 */
@EnableKubernetesMockClient(crud = true)
class FaultInjectorRoleTest
{
    private static final SluiceChart CHART = SluiceChart.load();
    // /api/v1/namespaces/NS/RESOURCE[/NAME] or /apis/GROUP/VERSION/namespaces/NS/RESOURCE[/NAME]
    private static final Pattern RESOURCE_PATH = Pattern.compile("/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/[^/]+/([^/]+)(/[^/]+)?");

    KubernetesClient client;
    KubernetesMockServer server;

    @Test
    void theRoleGrantsExactlyTheVerbsTheInjectorUses()
            throws InterruptedException
    {
        Role role = CHART.render("chaos").find(Role.class, "bench-sluice-fault-injector").orElseThrow();
        Set<String> granted = new HashSet<>();
        role.getRules().forEach(rule -> rule.getApiGroups().forEach(group -> rule.getResources().forEach(resource ->
                rule.getVerbs().forEach(verb -> granted.add(permission(group, resource, verb))))));

        // a pod of every target for the kills to find, made before the injector's requests are recorded
        for (FaultTarget target : FaultTarget.values()) {
            client.pods().inNamespace(SluiceChart.NAMESPACE).resource(new PodBuilder()
                    .withNewMetadata().withName(target.component() + "-0")
                    .withLabels(Map.of("app.kubernetes.io/instance", SluiceChart.RELEASE, "app.kubernetes.io/component", target.component())).endMetadata()
                    .build()).create();
        }
        while (server.takeRequest(200, TimeUnit.MILLISECONDS) != null) {
            // the set-up's
        }
        KubernetesFaultInjector injector = new KubernetesFaultInjector(client, SluiceChart.NAMESPACE, SluiceChart.RELEASE);
        for (FaultTarget target : FaultTarget.values()) {
            for (FaultKind kind : FaultKind.values()) {
                Fault fault = new Fault(target, kind, FaultPhase.QUERY, Duration.ZERO, Duration.ofSeconds(30));
                injector.inject(fault);
                injector.clear(fault);
            }
        }
        Set<String> used = new HashSet<>();
        for (RecordedRequest request = server.takeRequest(200, TimeUnit.MILLISECONDS); request != null; request = server.takeRequest(200, TimeUnit.MILLISECONDS)) {
            used.add(permission(request));
        }

        assertThat(used).contains("/pods:deletecollection", "chaos-mesh.org/podchaos:create", "chaos-mesh.org/iochaos:delete");
        assertThat(granted).containsExactlyInAnyOrderElementsOf(used);
    }

    /** The permission the API server checks for a request, as {@code group/resource:verb}. */
    private static String permission(RecordedRequest request)
    {
        URI uri = URI.create(request.getPath());
        Matcher path = RESOURCE_PATH.matcher(uri.getPath());
        assertThat(path.matches()).as("a namespaced resource path: %s", uri).isTrue();
        boolean named = path.group(3) != null;
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String verb = switch (request.getMethod()) {
            case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> throw new AssertionError("unexpected request " + request.getRequestLine());
        };
        return permission(path.group(1) == null ? "" : path.group(1), path.group(2), verb);
    }

    private static String permission(String group, String resource, String verb)
    {
        return group + "/" + resource + ":" + verb;
    }
}
