package io.sluice.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.sluice.faults.FaultSettings;
import io.sluice.ingest.registration.RegistrationSettings;
import io.sluice.loaders.s3.S3Settings;
import io.sluice.queryrunner.service.QueryRunnerService;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.queryrunner.spark.SparkSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every profile renders into typed objects that refer to each other consistently. */
class ChartRenderTest
{
    private static final SluiceChart CHART = SluiceChart.load();
    /** Secrets the profiles reference; the chart must only point at them, never carry them. */
    private static final Set<String> REFERENCED_SECRETS = Set.of("sluice-s3", "sluice-clickhouse", "sluice-trino", "sluice-kafka-sasl", "sluice-kafka-tls");
    private static final String SLUICE_IMAGE = "ghcr.io/sluice-project/sluice:";
    /** A pod's grace period when its spec names none. */
    private static final long KUBERNETES_GRACE_SECONDS = 30;

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "chaos", "monitoring", "minimal", "self-contained"})
    void everyObjectIsTypedUniqueAndInTheReleaseNamespace(String profile)
    {
        RenderedChart chart = CHART.render(profile);

        assertThat(chart.objects()).isNotEmpty();
        List<String> kindAndName = chart.objects().stream()
                .map(object -> object.kind() + "/" + object.name())
                .toList();
        assertThat(kindAndName).doesNotHaveDuplicates();
        chart.objects().forEach(object -> assertThat(object.name())
                .as("%s in %s", object.kind(), object.source())
                .hasSizeLessThanOrEqualTo(63)
                .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"));
        chart.objects().forEach(object -> assertThat(object.object().getMetadata().getLabels())
                .as("labels of %s/%s", object.kind(), object.name())
                .containsEntry("app.kubernetes.io/instance", SluiceChart.RELEASE)
                .containsEntry("app.kubernetes.io/managed-by", "Helm"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "chaos", "monitoring", "minimal", "self-contained"})
    void selectorsMatchTheirPods(String profile)
    {
        RenderedChart chart = CHART.render(profile);
        List<PodTemplate> pods = chart.podTemplates();

        for (Deployment deployment : chart.all(Deployment.class)) {
            PodTemplate own = chart.podTemplate("Deployment/" + deployment.getMetadata().getName());
            assertThat(own.matches(deployment.getSpec().getSelector().getMatchLabels()))
                    .as("selector of Deployment %s matches its pod labels", deployment.getMetadata().getName())
                    .isTrue();
            assertThat(pods.stream().filter(pod -> pod.matches(deployment.getSpec().getSelector().getMatchLabels())))
                    .as("pods selected by Deployment %s", deployment.getMetadata().getName())
                    .containsExactly(own);
        }
        for (StatefulSet statefulSet : chart.all(StatefulSet.class)) {
            PodTemplate own = chart.podTemplate("StatefulSet/" + statefulSet.getMetadata().getName());
            assertThat(own.matches(statefulSet.getSpec().getSelector().getMatchLabels())).isTrue();
            assertThat(chart.find(Service.class, statefulSet.getSpec().getServiceName())).isPresent();
        }
        for (Service service : chart.all(Service.class)) {
            assertThat(pods.stream().filter(pod -> pod.matches(service.getSpec().getSelector())))
                    .as("pods behind Service %s", service.getMetadata().getName())
                    .hasSize(1);
        }
        for (PodDisruptionBudget budget : chart.all(PodDisruptionBudget.class)) {
            assertThat(pods.stream().filter(pod -> pod.matches(budget.getSpec().getSelector().getMatchLabels())))
                    .as("pods guarded by PodDisruptionBudget %s", budget.getMetadata().getName())
                    .hasSize(1);
        }
        for (HorizontalPodAutoscaler autoscaler : chart.all(HorizontalPodAutoscaler.class)) {
            String target = autoscaler.getSpec().getScaleTargetRef().getName();
            assertThat(chart.find(Deployment.class, target)).as("HPA target %s", target).isPresent();
            assertThat(chart.find(Deployment.class, target).orElseThrow().getSpec().getReplicas())
                    .as("an autoscaled Deployment leaves replicas to the HPA")
                    .isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "chaos", "monitoring", "minimal", "self-contained"})
    void secretsAreOnlyReferenced(String profile)
    {
        RenderedChart chart = CHART.render(profile);

        assertThat(chart.all(Secret.class)).as("Secrets rendered").isEmpty();
        for (PodTemplate pod : chart.podTemplates()) {
            List<EnvVar> env = pod.allContainers().flatMap(container -> container.getEnv().stream()).toList();
            env.stream()
                    .filter(var -> var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null)
                    .forEach(var -> assertThat(var.getValueFrom().getSecretKeyRef().getName())
                            .as("%s of %s", var.getName(), pod.workload())
                            .isIn(REFERENCED_SECRETS));
            env.stream()
                    .filter(var -> var.getName().matches(".*(PASSWORD|SECRET|ACCESS_KEY|JAAS|_USER).*"))
                    .forEach(var -> assertThat(var.getValue())
                            .as("%s of %s must come from a Secret", var.getName(), pod.workload())
                            .isNull());
            pod.spec().getVolumes().stream()
                    .filter(volume -> volume.getSecret() != null)
                    .forEach(volume -> assertThat(volume.getSecret().getSecretName()).isIn(REFERENCED_SECRETS));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "chaos", "monitoring", "minimal", "self-contained"})
    void servicesProbeTheirHealthEndpointsOnTheMetricsPort(String profile)
    {
        RenderedChart chart = CHART.render(profile);

        for (Deployment deployment : chart.all(Deployment.class)) {
            for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
                if (!container.getImage().startsWith(SLUICE_IMAGE)) {
                    continue;
                }
                String name = deployment.getMetadata().getName();
                assertThat(container.getArgs()).as("args of %s", name).containsSubsequence("--metrics-port", "9400");
                assertThat(container.getPorts()).as("ports of %s", name)
                        .anySatisfy(port -> {
                            assertThat(port.getName()).isEqualTo("metrics");
                            assertThat(port.getContainerPort()).isEqualTo(9400);
                        });
                assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
                assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
                assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
                assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "chaos", "monitoring", "minimal", "self-contained"})
    void mountedConfigMapsAndServiceAccountsAreRendered(String profile)
    {
        RenderedChart chart = CHART.render(profile);
        Set<String> configMaps = names(chart.all(ConfigMap.class));
        Set<String> serviceAccounts = names(chart.all(ServiceAccount.class));

        for (PodTemplate pod : chart.podTemplates()) {
            pod.spec().getVolumes().stream()
                    .map(Volume::getConfigMap)
                    .filter(Objects::nonNull)
                    .forEach(source -> assertThat(configMaps).as("ConfigMaps mounted by %s", pod.workload()).contains(source.getName()));
            if (pod.spec().getServiceAccountName() != null) {
                assertThat(serviceAccounts).contains(pod.spec().getServiceAccountName());
            }
            Set<String> volumes = pod.volumeNames();
            pod.allContainers().flatMap(container -> container.getVolumeMounts().stream())
                    .forEach(mount -> assertThat(volumes).as("volumes of %s", pod.workload()).contains(mount.getName()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "minimal"})
    void eachServiceRunsItsCommandWithOnlyTheSettingsItNeeds(String profile)
    {
        RenderedChart chart = CHART.render(profile);
        Map<String, List<String>> commands = Map.of(
                "parquet-lander", List.of("ingest", "parquet"),
                "clickhouse-lander", List.of("ingest", "clickhouse"),
                "tracker", List.of("ingest", "tracker"),
                "registration", List.of("ingest", "registration"),
                "query-runner", List.of("query-runner", "--plan"));

        for (Deployment deployment : chart.all(Deployment.class)) {
            String component = deployment.getMetadata().getLabels().get("app.kubernetes.io/component");
            Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
            assertThat(container.getArgs()).startsWith(commands.get(component).toArray(String[]::new));
            Set<String> env = container.getEnv().stream().map(EnvVar::getName).collect(Collectors.toSet());
            assertThat(env).contains("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "SLUICE_LOG_FORMAT");
            if (!component.equals("query-runner") && !component.equals("parquet-lander")) {
                // the registration service names the bucket in the tables' locations; it needs no keys
                assertThat(env).as("settings of %s", component)
                        .noneMatch(name -> name.startsWith("SLUICE_S3_") && !(component.equals("registration") && name.equals(S3Settings.BUCKET_ENV)));
            }
            if (!component.equals("query-runner")) {
                assertThat(env).as("settings of %s", component).noneMatch(name -> name.startsWith("SLUICE_SPARK_"));
            }
            if (!component.equals("query-runner") && !component.equals("registration")) {
                assertThat(env).as("settings of %s", component).noneMatch(name -> name.startsWith("SLUICE_TRINO_"));
            }
            if (component.equals("registration")) {
                assertThat(env).contains(RegistrationSettings.TRINO_JDBC_URL_ENV, RegistrationSettings.CATALOG_ENV, S3Settings.BUCKET_ENV);
            }
        }
    }

    @Test
    void theBundledTrinoSpoolsFaultTolerantExchangesInTheBucket()
            throws IOException
    {
        RenderedChart chart = CHART.render("self-contained");
        ConfigMap exchange = chart.find(ConfigMap.class, "bench-sluice-trino-exchange").orElseThrow();
        Properties properties = new Properties();
        properties.load(new StringReader(exchange.getData().get("exchange-manager.properties")));

        assertThat(properties).containsEntry("exchange-manager.name", "filesystem")
                .containsEntry("exchange.base-directories", "s3://sluice/trino-exchange")
                .containsEntry("exchange.s3.aws-secret-key", "${ENV:SLUICE_S3_SECRET_KEY}");
        Deployment trino = chart.all(Deployment.class).stream()
                .filter(deployment -> "trino".equals(deployment.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .findFirst().orElseThrow();
        assertThat(trino.getSpec().getTemplate().getSpec().getContainers().getFirst().getVolumeMounts())
                .anySatisfy(mount -> assertThat(mount.getMountPath()).isEqualTo("/etc/trino/exchange-manager.properties"));
    }

    @Test
    void theQueryRunnerGetsTheVariablesItsSettingsRead()
    {
        Map<String, String> env = env(CHART.render("default", Map.of("faults.enabled", true, "engines.spark.enabled", true)), "query-runner");

        assertThat(env).containsKeys(QueryRunnerSettings.TRINO_JDBC_URL_ENV, QueryRunnerSettings.CLICKHOUSE_URL_ENV, SparkSettings.MASTER_ENV,
                SparkSettings.K8S_IMAGE_ENV, SparkSettings.K8S_NAMESPACE_ENV, SparkSettings.K8S_SERVICE_ACCOUNT_ENV);
        FaultSettings faults = FaultSettings.fromEnvironment(env);
        assertThat(faults.injector()).isEqualTo(FaultSettings.Injector.KUBERNETES);
        assertThat(faults.release()).isEqualTo(SluiceChart.RELEASE);
        assertThat(FaultSettings.fromEnvironment(env(CHART.render("default"), "query-runner")).injector())
                .as("fault runs stay off without faults.enabled").isEqualTo(FaultSettings.Injector.NONE);
    }

    @Test
    void theQueryRunnerMayFinishItsStopBeforeItIsKilled()
    {
        Deployment queryRunner = CHART.render("default", Map.of("faults.enabled", true)).all(Deployment.class).stream()
                .filter(deployment -> "query-runner".equals(deployment.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .findFirst().orElseThrow();
        long grace = Optional.ofNullable(queryRunner.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).orElse(KUBERNETES_GRACE_SECONDS);

        assertThat(grace).as("seconds between SIGTERM and SIGKILL").isGreaterThan(QueryRunnerService.CLOSE_WAIT.toSeconds());
    }

    /** The plain (not secret) environment variables of a service's container. */
    private static Map<String, String> env(RenderedChart chart, String component)
    {
        Deployment deployment = chart.all(Deployment.class).stream()
                .filter(candidate -> component.equals(candidate.getMetadata().getLabels().get("app.kubernetes.io/component")))
                .findFirst().orElseThrow();
        return deployment.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv().stream()
                .filter(variable -> variable.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Set<String> names(List<? extends HasMetadata> objects)
    {
        return objects.stream().map(object -> object.getMetadata().getName()).collect(Collectors.toSet());
    }
}
