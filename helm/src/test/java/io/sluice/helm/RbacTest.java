package io.sluice.helm;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The query runner gets exactly the namespace-scoped rights its fault runs and Spark submissions need. */
class RbacTest
{
    private static final SluiceChart CHART = SluiceChart.load();

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "chaos", "monitoring", "minimal", "self-contained"})
    void nothingIsClusterWide(String profile)
    {
        RenderedChart chart = CHART.render(profile);

        assertThat(chart.all(ClusterRole.class)).isEmpty();
        assertThat(chart.all(ClusterRoleBinding.class)).isEmpty();
        chart.all(Role.class).forEach(role -> role.getRules().forEach(rule -> {
            assertThat(rule.getVerbs()).doesNotContain("*", "escalate", "bind", "impersonate");
            assertThat(rule.getResources()).doesNotContain("*", "secrets");
        }));
    }

    @Test
    void noRightsAndNoTokenWithoutFaultsOrSpark()
    {
        RenderedChart chart = CHART.render("default");

        assertThat(chart.all(Role.class)).isEmpty();
        assertThat(chart.all(RoleBinding.class)).isEmpty();
        assertThat(chart.single(ServiceAccount.class).getAutomountServiceAccountToken()).isFalse();
        chart.podTemplates().forEach(pod -> assertThat(pod.spec().getAutomountServiceAccountToken())
                .as("token of %s", pod.workload())
                .isFalse());
    }

    @Test
    void faultRunsMayKillPodsAndManageChaosInTheNamespaceOnly()
    {
        RenderedChart chart = CHART.render("chaos");
        Role role = chart.find(Role.class, "bench-sluice-fault-injector").orElseThrow();

        assertThat(role.getMetadata().getNamespace()).isNull(); // the release namespace
        assertThat(role.getRules()).containsExactlyInAnyOrder(
                // a kill is one DELETE of the pod collection by label selector; nothing reads pods
                rule("", List.of("pods"), List.of("deletecollection")),
                rule("chaos-mesh.org", List.of("podchaos", "networkchaos", "iochaos"), List.of("create", "get", "delete")));
        assertBoundToQueryRunner(chart, "bench-sluice-fault-injector");
        assertThat(queryRunner(chart).getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isTrue();
    }

    @Test
    void sparkSubmissionMayCreateDriversInTheSparkNamespace()
    {
        RenderedChart chart = CHART.render("tpcds-sf100");
        Role role = chart.find(Role.class, "bench-sluice-spark-submitter").orElseThrow();

        assertThat(role.getMetadata().getNamespace()).isEqualTo("spark-jobs");
        assertThat(role.getRules()).extracting(rule -> rule.getResources().getFirst()).containsExactlyInAnyOrder("pods", "services");
        RoleBinding binding = assertBoundToQueryRunner(chart, "bench-sluice-spark-submitter");
        assertThat(binding.getMetadata().getNamespace()).isEqualTo("spark-jobs");
        assertThat(chart.find(Role.class, "bench-sluice-fault-injector")).isEmpty();
    }

    private static RoleBinding assertBoundToQueryRunner(RenderedChart chart, String roleName)
    {
        RoleBinding binding = chart.find(RoleBinding.class, roleName).orElseThrow();
        assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
        assertThat(binding.getRoleRef().getName()).isEqualTo(roleName);
        String serviceAccount = queryRunner(chart).getSpec().getTemplate().getSpec().getServiceAccountName();
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(serviceAccount);
            assertThat(subject.getNamespace()).isEqualTo(SluiceChart.NAMESPACE);
        });
        return binding;
    }

    private static Deployment queryRunner(RenderedChart chart)
    {
        return chart.find(Deployment.class, "bench-sluice-query-runner").orElseThrow();
    }

    private static PolicyRule rule(String group, List<String> resources, List<String> verbs)
    {
        PolicyRule rule = new PolicyRule();
        rule.setApiGroups(List.of(group));
        rule.setResources(resources);
        rule.setVerbs(verbs);
        return rule;
    }
}
