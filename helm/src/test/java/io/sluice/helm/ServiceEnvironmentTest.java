package io.sluice.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.sluice.faults.FaultSettings;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.clickhouse.ClickHouseSettings;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.registration.RegistrationSettings;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.loaders.parquet.ParquetFormat;
import io.sluice.loaders.parquet.ParquetSettings;
import io.sluice.loaders.s3.S3Settings;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.queryrunner.spark.SparkSettings;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The environment the chart gives each service is what the service's own settings records read: no variable it
 * ignores, and the values parse into settings that agree across services (the same Trino, catalog, bucket, sinks).
 */
class ServiceEnvironmentTest
{
    private static final SluiceChart CHART = SluiceChart.load();
    private static final String SLUICE_IMAGE = "ghcr.io/sluice-project/sluice:";
    /** Read by the CLI before any service starts (io.sluice.cli.LogFormat, not a dependency of the chart tests). */
    private static final String LOG_FORMAT_ENV = "SLUICE_LOG_FORMAT";
    /** The variables each component's settings records read. Spark reads the S3 store's SLUICE_S3_* too. */
    private static final Map<String, Set<String>> READ = Map.of(
            "generator", variables(KafkaClientSettings.class, GeneratorSettings.class),
            "parquet-lander", variables(KafkaClientSettings.class, LanderSettings.class, S3Settings.class, ParquetSettings.class, ParquetFormat.class),
            "clickhouse-lander", variables(KafkaClientSettings.class, LanderSettings.class, ClickHouseSettings.class),
            "tracker", variables(KafkaClientSettings.class, TrackerSettings.class),
            "registration", union(variables(KafkaClientSettings.class, RegistrationSettings.class), Set.of(S3Settings.BUCKET_ENV)),
            "query-runner", variables(KafkaClientSettings.class, QueryRunnerSettings.class, SparkSettings.class, S3Settings.class, FaultSettings.class));
    private static final Map<String, Sink> LANDERS = Map.of("parquet-lander", Sink.PARQUET, "clickhouse-lander", Sink.CLICKHOUSE);
    /** The key of each component's values, whose {@code env} sets more of its variables. */
    private static final Map<String, String> VALUES_KEYS = Map.of(
            "generator", "generator",
            "parquet-lander", "parquetLander",
            "clickhouse-lander", "clickhouseLander",
            "tracker", "tracker",
            "registration", "registration",
            "query-runner", "queryRunner");
    /** Credentials, which the chart takes from Secrets only: a component's {@code env} may not set them in plain values. */
    private static final Set<String> CREDENTIALS = Set.of(KafkaClientSettings.SASL_JAAS_CONFIG_ENV, KafkaClientSettings.SSL_TRUSTSTORE_PASSWORD_ENV,
            S3Settings.ACCESS_KEY_ENV, S3Settings.SECRET_KEY_ENV, ClickHouseSettings.PASSWORD_ENV, RegistrationSettings.TRINO_PASSWORD_ENV);
    /**
     * What the generator Job sets itself: its arguments (--benchmark, --scale-factor, --parts, --part-index), which win
     * over the environment, and Kubernetes' pod index.
     */
    private static final Set<String> GENERATOR_JOB_SETS = Set.of(GeneratorSettings.BENCHMARK_ENV, GeneratorSettings.SCALE_FACTOR_ENV, GeneratorSettings.PARTS_ENV,
            GeneratorSettings.PART_RANGE_ENV, GeneratorSettings.PODS_ENV, GeneratorSettings.JOB_COMPLETION_INDEX_ENV);

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "chaos", "monitoring", "minimal", "self-contained"})
    void everyVariableIsOneItsServiceReads(String profile)
    {
        Map<String, Container> services = services(CHART.render(profile));

        assertThat(READ).as("settings records of the rendered services").containsKeys(services.keySet().toArray(String[]::new));
        services.forEach((component, container) -> assertThat(container.getEnv())
                .extracting(EnvVar::getName)
                .as("variables of %s", component)
                .allSatisfy(name -> assertThat(name).isIn(union(READ.get(component), Set.of(LOG_FORMAT_ENV)))));
    }

    @ParameterizedTest
    @CsvSource({"default,tpch", "tpcds-sf100,tpcds", "minimal,tpch", "self-contained,tpch tpcds"})
    void landersReadTheBenchmarksTheGeneratorWrites(String profile, String benchmarks)
    {
        Map<String, Container> services = services(CHART.render(profile));

        LANDERS.keySet().stream().filter(services::containsKey).forEach(lander -> {
            Map<String, String> env = environment(services.get(lander));
            assertThat(LanderSettings.fromEnvironment(env).sources()).as("sources of %s", lander)
                    .containsExactlyInAnyOrder(benchmarks.split(" "));
        });
        Optional.ofNullable(services.get("parquet-lander")).ifPresent(lander -> assertThat(ParquetSettings.fromEnvironment(environment(lander)).s3().accessKey())
                .isEqualTo(secretPlaceholder("sluice-s3", "access-key")));
        Optional.ofNullable(services.get("clickhouse-lander")).ifPresent(lander -> assertThat(ClickHouseSettings.fromEnvironment(environment(lander)).connection().password())
                .isEqualTo(secretPlaceholder("sluice-clickhouse", "password")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "tpcds-sf100", "minimal", "self-contained"})
    void trackerAndQueryRunnerWaitForExactlyTheRenderedLanders(String profile)
    {
        Map<String, Container> services = services(CHART.render(profile));
        Set<Sink> landed = LANDERS.entrySet().stream()
                .filter(lander -> services.containsKey(lander.getKey()))
                .map(Map.Entry::getValue)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Sink.class)));

        assertThat(landed).isNotEmpty();
        assertThat(TrackerSettings.fromEnvironment(environment(services.get("tracker"))).expectedSinks()).isEqualTo(landed);
        Optional.ofNullable(services.get("query-runner")).ifPresent(runner -> assertThat(QueryRunnerSettings.fromEnvironment(environment(runner)).requiredSinks())
                .isEqualTo(landed));
    }

    @ParameterizedTest
    @CsvSource({"default,jdbc:trino://trino:8080", "self-contained,jdbc:trino://bench-sluice-trino:8080", "tpcds-sf100,jdbc:trino://trino.olap:8443?SSL=true"})
    void registrationRegistersWhereTheQueryRunnerQueries(String profile, String trinoUrl)
    {
        Map<String, Container> services = services(CHART.render(profile));
        Container registration = services.get("registration");

        assertThat(registration.getArgs()).startsWith("ingest", "registration");
        assertThat(plainEnvironment(registration)).containsEntry(RegistrationSettings.TRINO_JDBC_URL_ENV, trinoUrl);
        RegistrationSettings registers = RegistrationSettings.fromEnvironment(environment(registration));
        QueryRunnerSettings queries = QueryRunnerSettings.fromEnvironment(environment(services.get("query-runner")));
        S3Settings lands = S3Settings.fromEnvironment(environment(services.get("parquet-lander")));

        assertThat(registers.trinoJdbcUrl()).isEqualTo(queries.trino().jdbcUrl());
        assertThat(registers.catalog()).isEqualTo(queries.trino().catalog()).isEqualTo("hive");
        assertThat(registers.trinoUser()).isEqualTo(queries.trino().user());
        assertThat(registers.trinoPassword()).isEqualTo(queries.trino().password());
        assertThat(registers.bucket()).isEqualTo(lands.bucket());
    }

    @Test
    void trinoCredentialsComeFromTheirSecretOnlyWhenOneIsNamed()
    {
        Map<String, Container> secured = services(CHART.render("tpcds-sf100"));
        Map<String, Container> open = services(CHART.render("default"));

        for (String component : List.of("registration", "query-runner")) {
            assertThat(secretReferences(secured.get(component)))
                    .containsEntry(RegistrationSettings.TRINO_USER_ENV, "sluice-trino/user")
                    .containsEntry(RegistrationSettings.TRINO_PASSWORD_ENV, "sluice-trino/password");
            assertThat(open.get(component).getEnv()).extracting(EnvVar::getName)
                    .doesNotContain(RegistrationSettings.TRINO_USER_ENV, RegistrationSettings.TRINO_PASSWORD_ENV);
        }
        assertThat(RegistrationSettings.fromEnvironment(environment(open.get("registration"))).trinoPassword()).isEmpty();
    }

    @Test
    void registrationRunsOnlyWithTrinoAndTheParquetLander()
    {
        assertThat(services(CHART.render("default"))).containsKey("registration");
        assertThat(services(CHART.render("minimal"))).as("Trino off").doesNotContainKey("registration");
        assertThat(services(CHART.render("default", Map.of("engines.trino.enabled", false)))).doesNotContainKey("registration");
        assertThat(services(CHART.render("default", Map.of("parquetLander.enabled", false)))).doesNotContainKey("registration");
    }

    @Test
    void queryRunnerGetsTheS3StoreOnlyForSpark()
    {
        assertThat(services(CHART.render("default")).get("query-runner").getEnv()).extracting(EnvVar::getName)
                .noneMatch(name -> name.startsWith("SLUICE_S3_"));
        assertThat(secretReferences(services(CHART.render("tpcds-sf100")).get("query-runner")))
                .containsEntry(S3Settings.ACCESS_KEY_ENV, "sluice-s3/access-key")
                .containsEntry(S3Settings.SECRET_KEY_ENV, "sluice-s3/secret-key");
    }

    @Test
    void aComponentsEnvValueReachesOnlyItsServiceAndParses()
    {
        Map<String, Container> services = services(CHART.render("default", Map.of(
                "parquetLander.env.SLUICE_LANDER_MARKER_WAIT_MS", "60000",
                "tracker.env.SLUICE_TRACKER_LAND_TIMEOUT_MS", 3_600_000)));

        assertThat(LanderSettings.fromEnvironment(environment(services.get("parquet-lander"))).markerWait()).isEqualTo(Duration.ofMinutes(1));
        assertThat(LanderSettings.fromEnvironment(environment(services.get("clickhouse-lander"))).markerWait()).isEqualTo(LanderSettings.DEFAULT_MARKER_WAIT);
        assertThat(TrackerSettings.fromEnvironment(environment(services.get("tracker"))).landTimeout()).isEqualTo(Duration.ofHours(1));
        // a whole number from a values file, which helm reads as a float
        assertThat(TrackerSettings.fromEnvironment(environment(services(CHART.render("tpcds-sf100")).get("tracker"))).landTimeout()).isEqualTo(Duration.ofHours(2));
    }

    @ParameterizedTest
    @CsvSource({"1,0", "2,1", "3,1"})
    void trackersKeepAStandbyOnlyWhereAnotherReplicaCanHoldIt(int replicas, int standbys)
    {
        Map<String, Container> services = services(CHART.render("default", Map.of("tracker.replicas", replicas)));

        assertThat(TrackerSettings.fromEnvironment(environment(services.get("tracker"))).standbyReplicas()).isEqualTo(standbys);
    }

    /**
     * A misspelt name in a component's {@code env} would be rendered and then ignored by the service, so the schema
     * lists, per component, exactly the variables its service reads, less credentials (those the chart sets are
     * refused by the render, naming them).
     */
    @Test
    void eachComponentsEnvTakesExactlyTheVariablesItsServiceReads()
            throws IOException
    {
        JsonNode components = new ObjectMapper().readTree(CHART.directory().resolve("values.schema.json").toFile()).path("properties");

        assertThat(VALUES_KEYS).containsOnlyKeys(READ.keySet());
        READ.forEach((component, read) -> {
            JsonNode names = components.path(VALUES_KEYS.get(component)).path("properties").path("env").path("propertyNames").path("enum");
            Set<String> settable = read.stream()
                    .filter(name -> !CREDENTIALS.contains(name))
                    .filter(name -> !component.equals("generator") || !GENERATOR_JOB_SETS.contains(name))
                    .collect(Collectors.toSet());
            assertThat(StreamSupport.stream(names.spliterator(), false).map(JsonNode::asText).toList()).as("names the schema allows in %s.env", VALUES_KEYS.get(component))
                    .isSorted()
                    .containsExactlyInAnyOrderElementsOf(union(settable, Set.of(LOG_FORMAT_ENV)));
        });
    }

    @Test
    void aVariableTheChartSetsCannotBeSetAgainInEnv()
    {
        assertThatThrownBy(() -> CHART.renderText("default", Map.of("tracker.env.SLUICE_TRACKER_SINKS", "parquet")))
                .hasMessageContaining("tracker.env.SLUICE_TRACKER_SINKS: the chart sets SLUICE_TRACKER_SINKS itself from other values; remove it from tracker.env");
        assertThatThrownBy(() -> CHART.renderText("default", Map.of("generator.env.SLUICE_KAFKA_BOOTSTRAP_SERVERS", "elsewhere:9092")))
                .hasMessageContaining("generator.env.SLUICE_KAFKA_BOOTSTRAP_SERVERS: the chart sets SLUICE_KAFKA_BOOTSTRAP_SERVERS itself");
    }

    @Test
    void aReleaseWithoutLandersIsRefused()
    {
        assertThatThrownBy(() -> CHART.renderText("default", Map.of("parquetLander.enabled", false, "engines.clickhouse.enabled", false)))
                .hasMessageContaining("no lander runs: set parquetLander.enabled=true or engines.clickhouse.enabled=true");
    }

    /** The Sluice container of each long-running service, by component. */
    private static Map<String, Container> services(RenderedChart chart)
    {
        Map<String, Container> services = new TreeMap<>();
        for (Deployment deployment : chart.all(Deployment.class)) {
            deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                    .filter(container -> container.getImage().startsWith(SLUICE_IMAGE))
                    .forEach(container -> services.put(deployment.getMetadata().getLabels().get("app.kubernetes.io/component"), container));
        }
        return services;
    }

    private static Map<String, String> plainEnvironment(Container container)
    {
        return container.getEnv().stream()
                .filter(env -> env.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Map<String, String> secretReferences(Container container)
    {
        return container.getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .collect(Collectors.toMap(EnvVar::getName, env -> {
                    SecretKeySelector secret = env.getValueFrom().getSecretKeyRef();
                    return secret.getName() + "/" + secret.getKey();
                }));
    }

    /** The environment the container would see, each Secret reference standing in for the Secret's value. */
    private static Map<String, String> environment(Container container)
    {
        Map<String, String> environment = new HashMap<>(plainEnvironment(container));
        secretReferences(container).forEach((name, reference) -> {
            String[] secretAndKey = reference.split("/", 2);
            environment.put(name, secretPlaceholder(secretAndKey[0], secretAndKey[1]));
        });
        return environment;
    }

    private static String secretPlaceholder(String secret, String key)
    {
        return "value-of-" + secret + "-" + key;
    }

    /** The SLUICE_* names a settings record declares as its *_ENV constants. */
    private static Set<String> variables(Class<?>... settings)
    {
        return Arrays.stream(settings)
                .flatMap(type -> Arrays.stream(type.getFields()))
                .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class && field.getName().endsWith("_ENV"))
                .map(ServiceEnvironmentTest::constant)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String constant(Field field)
    {
        try {
            return (String) field.get(null);
        }
        catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> union(Set<String> first, Set<String> second)
    {
        return Stream.concat(first.stream(), second.stream()).collect(Collectors.toUnmodifiableSet());
    }
}
