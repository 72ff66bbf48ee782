package io.sluice.queryrunner.service;

import io.sluice.faults.FaultSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.event.Sink;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryRunnerSettingsTest
{
    @Test
    void defaults()
    {
        QueryRunnerSettings settings = QueryRunnerSettings.fromEnvironment(Map.of());
        assertThat(settings.trino().jdbcUrl()).isEqualTo("jdbc:trino://127.0.0.1:8080");
        assertThat(settings.trino().user()).isEqualTo("sluice");
        assertThat(settings.trino().catalog()).isEqualTo("hive");
        assertThat(settings.trino().password()).isEmpty();
        assertThat(settings.clickHouse().jdbcUrl()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123/default");
        assertThat(settings.clickHouse().user()).isEqualTo("default");
        assertThat(settings.resultsDir()).isEqualTo(Path.of("sluice-results"));
        assertThat(settings.plansDir()).isEmpty();
        assertThat(settings.readyPlans()).isEmpty();
        assertThat(settings.requiredSinks()).containsExactlyInAnyOrder(Sink.PARQUET, Sink.CLICKHOUSE);
        assertThat(settings.groupId()).isEqualTo("sluice-query-runner");
        assertThat(settings.oracleCatalogs()).isEqualTo(Map.of(Benchmark.TPCH, "tpch", Benchmark.TPCDS, "tpcds"));
        assertThat(settings.oracleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.spark()).as("spark only with SLUICE_SPARK_HOME").isEmpty();
        assertThat(settings.faults().injector()).as("fault runs off").isEqualTo(FaultSettings.Injector.NONE);
    }

    @Test
    void readsTheEnvironment()
    {
        QueryRunnerSettings settings = QueryRunnerSettings.fromEnvironment(Map.ofEntries(
                Map.entry("SLUICE_TRINO_JDBC_URL", "jdbc:trino://trino:8080"),
                Map.entry("SLUICE_TRINO_USER", "bench"),
                Map.entry("SLUICE_TRINO_PASSWORD", "s3cret-trino"),
                Map.entry("SLUICE_TRINO_CATALOG", "lake"),
                Map.entry("SLUICE_CLICKHOUSE_URL", "jdbc:clickhouse://clickhouse:8123/default"),
                Map.entry("SLUICE_CLICKHOUSE_USER", "bench"),
                Map.entry("SLUICE_CLICKHOUSE_PASSWORD", "s3cret-ch"),
                Map.entry("SLUICE_RESULTS_DIR", "/results"),
                Map.entry("SLUICE_QUERY_RUNNER_PLANS_DIR", "/plans"),
                Map.entry("SLUICE_QUERY_RUNNER_READY_PLANS", " power, throughput "),
                Map.entry("SLUICE_QUERY_RUNNER_SINKS", "parquet"),
                Map.entry("SLUICE_QUERY_RUNNER_GROUP_ID", "qr"),
                Map.entry("SLUICE_QUERY_RUNNER_ORACLE_CATALOG", ""),
                Map.entry("SLUICE_QUERY_RUNNER_TPCDS_ORACLE_CATALOG", "generated_ds"),
                Map.entry("SLUICE_QUERY_RUNNER_ORACLE_TIMEOUT_MS", "5000"),
                Map.entry("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")));
        assertThat(settings.trino().jdbcUrl()).isEqualTo("jdbc:trino://trino:8080");
        assertThat(settings.trino().user()).isEqualTo("bench");
        assertThat(settings.trino().password()).contains("s3cret-trino");
        assertThat(settings.trino().catalog()).isEqualTo("lake");
        assertThat(settings.clickHouse().password()).isEqualTo("s3cret-ch");
        assertThat(settings.resultsDir()).isEqualTo(Path.of("/results"));
        assertThat(settings.plansDir()).isEqualTo(Optional.of(Path.of("/plans")));
        assertThat(settings.readyPlans()).isEqualTo(Optional.of(Set.of("power", "throughput")));
        assertThat(settings.requiredSinks()).isEqualTo(Set.of(Sink.PARQUET));
        assertThat(settings.groupId()).isEqualTo("qr");
        assertThat(settings.oracleCatalogs()).as("blank turns the TPC-H oracle off").isEqualTo(Map.of(Benchmark.TPCDS, "generated_ds"));
        assertThat(settings.oracleTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(settings.toString()).doesNotContain("s3cret");
    }

    @Test
    void rejectsBadValuesNamingTheVariable()
    {
        assertThatThrownBy(() -> QueryRunnerSettings.fromEnvironment(Map.of("SLUICE_TRINO_JDBC_URL", "http://trino:8080")))
                .hasMessage("SLUICE_TRINO_JDBC_URL: Trino JDBC URL 'http://trino:8080' must start with jdbc:trino://");
        assertThatThrownBy(() -> QueryRunnerSettings.fromEnvironment(Map.of("SLUICE_CLICKHOUSE_URL", "clickhouse:8123")))
                .hasMessageStartingWith("SLUICE_CLICKHOUSE_URL: ");
        assertThatThrownBy(() -> QueryRunnerSettings.fromEnvironment(Map.of("SLUICE_QUERY_RUNNER_SINKS", "parquet,duckdb")))
                .hasMessage("SLUICE_QUERY_RUNNER_SINKS: unknown sink 'duckdb'; choose from [parquet, clickhouse]");
        assertThatThrownBy(() -> QueryRunnerSettings.fromEnvironment(Map.of("SLUICE_QUERY_RUNNER_ORACLE_TIMEOUT_MS", "soon")))
                .hasMessage("SLUICE_QUERY_RUNNER_ORACLE_TIMEOUT_MS 'soon' is not a whole number");
        assertThatThrownBy(() -> QueryRunnerSettings.fromEnvironment(Map.of("SLUICE_QUERY_RUNNER_READY_PLANS", " , ")))
                .hasMessage("SLUICE_QUERY_RUNNER_READY_PLANS names no plan; name plans, comma-separated, or unset it for every plan");
    }
}
