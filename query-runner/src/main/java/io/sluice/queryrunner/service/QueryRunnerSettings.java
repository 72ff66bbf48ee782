package io.sluice.queryrunner.service;

import io.sluice.faults.FaultSettings;
import io.sluice.queryrunner.engine.ClickHouseConnectionSettings;
import io.sluice.queryrunner.engine.TrinoConnectionSettings;
import io.sluice.queryrunner.spark.SparkSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.settings.EnvironmentReader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Everything the query runner reads from its environment (the chart sets these; the CLI fills them from
 * the local stack). {@code requiredSinks}: the sinks whose {@code DatasetReady} must all have arrived before
 * the plans matching a dataset run. {@code readyPlans}: the names of the plans a ready dataset runs (those that match
 * it); empty, every plan the service has. {@code oracleCatalogs}: per benchmark, Trino's built-in catalog that
 * generates it ({@code tpch}, {@code tpcds}), whose answers check results where no reference answers exist (a
 * benchmark without one has no oracle). {@code spark}: present when
 * {@code SLUICE_SPARK_HOME} is set (see {@link SparkSettings}). {@code faults}: how plans' faults and
 * {@code RunFault} commands are injected (see {@link FaultSettings}).
 */
public record QueryRunnerSettings(
        KafkaClientSettings kafka,
        TrinoConnectionSettings trino,
        ClickHouseConnectionSettings clickHouse,
        Path resultsDir,
        Optional<Path> plansDir,
        Optional<Set<String>> readyPlans,
        Set<Sink> requiredSinks,
        String groupId,
        Map<Benchmark, String> oracleCatalogs,
        Duration oracleTimeout,
        Optional<SparkSettings> spark,
        FaultSettings faults)
{
    public static final String TRINO_JDBC_URL_ENV = "SLUICE_TRINO_JDBC_URL";
    public static final String TRINO_USER_ENV = "SLUICE_TRINO_USER";
    public static final String TRINO_PASSWORD_ENV = "SLUICE_TRINO_PASSWORD";
    public static final String TRINO_CATALOG_ENV = "SLUICE_TRINO_CATALOG";
    public static final String CLICKHOUSE_URL_ENV = "SLUICE_CLICKHOUSE_URL";
    public static final String CLICKHOUSE_USER_ENV = "SLUICE_CLICKHOUSE_USER";
    public static final String CLICKHOUSE_PASSWORD_ENV = "SLUICE_CLICKHOUSE_PASSWORD";
    public static final String RESULTS_DIR_ENV = "SLUICE_RESULTS_DIR";
    public static final String PLANS_DIR_ENV = "SLUICE_QUERY_RUNNER_PLANS_DIR";
    public static final String READY_PLANS_ENV = "SLUICE_QUERY_RUNNER_READY_PLANS";
    public static final String SINKS_ENV = "SLUICE_QUERY_RUNNER_SINKS";
    public static final String GROUP_ID_ENV = "SLUICE_QUERY_RUNNER_GROUP_ID";
    public static final String ORACLE_CATALOG_ENV = "SLUICE_QUERY_RUNNER_ORACLE_CATALOG";
    public static final String TPCDS_ORACLE_CATALOG_ENV = "SLUICE_QUERY_RUNNER_TPCDS_ORACLE_CATALOG";
    public static final String ORACLE_TIMEOUT_ENV = "SLUICE_QUERY_RUNNER_ORACLE_TIMEOUT_MS";

    public static final String DEFAULT_TRINO_JDBC_URL = "jdbc:trino://127.0.0.1:8080";
    public static final String DEFAULT_TRINO_USER = "sluice";
    public static final String DEFAULT_TRINO_CATALOG = "hive";
    public static final String DEFAULT_CLICKHOUSE_URL = "jdbc:clickhouse://127.0.0.1:8123/default";
    public static final String DEFAULT_CLICKHOUSE_USER = "default";
    public static final Path DEFAULT_RESULTS_DIR = Path.of("sluice-results");
    public static final Set<Sink> DEFAULT_SINKS = Set.copyOf(EnumSet.allOf(Sink.class));
    public static final String DEFAULT_GROUP_ID = "sluice-query-runner";
    public static final String DEFAULT_ORACLE_CATALOG = "tpch";
    public static final String DEFAULT_TPCDS_ORACLE_CATALOG = "tpcds";
    public static final Duration DEFAULT_ORACLE_TIMEOUT = Duration.ofMinutes(10);

    public QueryRunnerSettings
    {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(trino, "trino is null");
        requireNonNull(clickHouse, "clickHouse is null");
        requireNonNull(resultsDir, "resultsDir is null");
        requireNonNull(plansDir, "plansDir is null");
        readyPlans = requireNonNull(readyPlans, "readyPlans is null").map(Set::copyOf);
        if (readyPlans.filter(Set::isEmpty).isPresent()) {
            // no ready dataset would run anything, and nothing would say why
            throw new IllegalArgumentException(READY_PLANS_ENV + " names no plan; name plans, comma-separated, or unset it for every plan");
        }
        // in the enum's order, as logs show them
        requiredSinks = Collections.unmodifiableSet(requiredSinks.isEmpty() ? EnumSet.noneOf(Sink.class) : EnumSet.copyOf(requiredSinks));
        requireNonNull(groupId, "groupId is null");
        oracleCatalogs = Map.copyOf(oracleCatalogs);
        requireNonNull(oracleTimeout, "oracleTimeout is null");
        requireNonNull(spark, "spark is null");
        requireNonNull(faults, "faults is null");
        if (requiredSinks.isEmpty()) {
            throw new IllegalArgumentException(SINKS_ENV + " must name at least one sink: " + sinkNames());
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException(GROUP_ID_ENV + " must not be blank");
        }
        if (oracleTimeout.isNegative() || oracleTimeout.isZero()) {
            throw new IllegalArgumentException(ORACLE_TIMEOUT_ENV + " must be positive, got " + oracleTimeout.toMillis());
        }
    }

    public static QueryRunnerSettings fromEnvironment(Map<String, String> environment)
    {
        requireNonNull(environment, "environment is null");
        Function<String, Optional<String>> value = name -> Optional.ofNullable(environment.get(name)).map(String::strip).filter(text -> !text.isEmpty());
        TrinoConnectionSettings trino = setting(TRINO_JDBC_URL_ENV, () -> new TrinoConnectionSettings(
                value.apply(TRINO_JDBC_URL_ENV).orElse(DEFAULT_TRINO_JDBC_URL),
                value.apply(TRINO_USER_ENV).orElse(DEFAULT_TRINO_USER),
                value.apply(TRINO_PASSWORD_ENV),
                value.apply(TRINO_CATALOG_ENV).orElse(DEFAULT_TRINO_CATALOG)));
        ClickHouseConnectionSettings clickHouse = setting(CLICKHOUSE_URL_ENV, () -> new ClickHouseConnectionSettings(
                value.apply(CLICKHOUSE_URL_ENV).orElse(DEFAULT_CLICKHOUSE_URL),
                value.apply(CLICKHOUSE_USER_ENV).orElse(DEFAULT_CLICKHOUSE_USER),
                Optional.ofNullable(environment.get(CLICKHOUSE_PASSWORD_ENV)).orElse("")));
        Set<Sink> sinks = value.apply(SINKS_ENV).map(text -> setting(SINKS_ENV, () -> sinks(text))).orElse(DEFAULT_SINKS);
        Map<Benchmark, String> oracles = new EnumMap<>(Benchmark.class);
        oracleCatalog(environment, value, ORACLE_CATALOG_ENV, DEFAULT_ORACLE_CATALOG).ifPresent(catalog -> oracles.put(Benchmark.TPCH, catalog));
        oracleCatalog(environment, value, TPCDS_ORACLE_CATALOG_ENV, DEFAULT_TPCDS_ORACLE_CATALOG).ifPresent(catalog -> oracles.put(Benchmark.TPCDS, catalog));
        Duration oracleTimeout = new EnvironmentReader(environment).millis(ORACLE_TIMEOUT_ENV).orElse(DEFAULT_ORACLE_TIMEOUT);
        return new QueryRunnerSettings(
                KafkaClientSettings.fromEnvironment(environment),
                trino,
                clickHouse,
                value.apply(RESULTS_DIR_ENV).map(Path::of).orElse(DEFAULT_RESULTS_DIR),
                value.apply(PLANS_DIR_ENV).map(Path::of),
                new EnvironmentReader(environment).list(READY_PLANS_ENV).map(Set::copyOf),
                sinks,
                value.apply(GROUP_ID_ENV).orElse(DEFAULT_GROUP_ID),
                oracles,
                oracleTimeout,
                SparkSettings.fromEnvironment(environment),
                FaultSettings.fromEnvironment(environment));
    }

    /**
     * The default when the variable is absent; set but blank turns the oracle off.
     */
    private static Optional<String> oracleCatalog(Map<String, String> environment, Function<String, Optional<String>> value, String name, String defaultCatalog)
    {
        return environment.containsKey(name) ? value.apply(name) : Optional.of(defaultCatalog);
    }

    public QueryRunnerSettings withResultsDir(Path resultsDir)
    {
        return new QueryRunnerSettings(kafka, trino, clickHouse, resultsDir, plansDir, readyPlans, requiredSinks, groupId, oracleCatalogs, oracleTimeout, spark, faults);
    }

    public QueryRunnerSettings withReadyPlans(Set<String> names)
    {
        return new QueryRunnerSettings(kafka, trino, clickHouse, resultsDir, plansDir, Optional.of(names), requiredSinks, groupId, oracleCatalogs, oracleTimeout, spark, faults);
    }

    private static Set<Sink> sinks(String text)
    {
        Set<Sink> sinks = EnumSet.noneOf(Sink.class);
        for (String name : text.split(",")) {
            try {
                sinks.add(Sink.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown sink '%s'; choose from %s".formatted(name.strip(), sinkNames()));
            }
        }
        return sinks;
    }

    private static String sinkNames()
    {
        return Arrays.stream(Sink.values()).map(Sink::label).toList().toString();
    }

    private static <T> T setting(String name, java.util.function.Supplier<T> parse)
    {
        try {
            return parse.get();
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("%s: %s".formatted(name, e.getMessage()), e);
        }
    }
}
