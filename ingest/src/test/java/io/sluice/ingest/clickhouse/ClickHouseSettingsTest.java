package io.sluice.ingest.clickhouse;

import io.sluice.ingest.lander.BatchKey;
import io.sluice.loaders.clickhouse.ClickHouseEngine;
import io.sluice.schema.dataset.DatasetId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseSettingsTest
{
    @Test
    void defaultsToTheLocalServerAndTwoHundredThousandRowInserts()
    {
        ClickHouseSettings settings = ClickHouseSettings.fromEnvironment(Map.of());

        assertThat(settings.connection().jdbcUrl()).isEqualTo("jdbc:clickhouse://127.0.0.1:8123/default");
        assertThat(settings.connection().user()).isEqualTo("default");
        assertThat(settings.connection().password()).isEmpty();
        assertThat(settings.connection().socketTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.batchRows()).isEqualTo(200_000);
        assertThat(settings.deduplicationWindow()).isEqualTo(1_000);
        assertThat(settings.engine()).isEqualTo(ClickHouseEngine.MERGE_TREE);
        assertThat(settings.databasePrefix()).isEmpty();
        assertThat(settings).isEqualTo(ClickHouseSettings.defaults("jdbc:clickhouse://127.0.0.1:8123/default", "default", ""));
    }

    @Test
    void readsEveryVariable()
    {
        ClickHouseSettings settings = ClickHouseSettings.fromEnvironment(Map.of(
                "SLUICE_CLICKHOUSE_URL", "jdbc:clickhouse:https://clickhouse.sluice.svc:8443/default",
                "SLUICE_CLICKHOUSE_USER", "lander",
                "SLUICE_CLICKHOUSE_PASSWORD", "pass word ",
                "SLUICE_CLICKHOUSE_TIMEOUT_MS", "5000",
                "SLUICE_CLICKHOUSE_BATCH_ROWS", "1000000",
                "SLUICE_CLICKHOUSE_DEDUPLICATION_WINDOW", "250",
                "SLUICE_CLICKHOUSE_ENGINE", "replicated_merge_tree",
                "SLUICE_CLICKHOUSE_DATABASE_PREFIX", "bench_"));

        assertThat(settings.connection().httpEndpoint()).isEqualTo("https://clickhouse.sluice.svc:8443");
        assertThat(settings.connection().user()).isEqualTo("lander");
        assertThat(settings.connection().password()).isEqualTo("pass word ");
        assertThat(settings.connection().socketTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.batchRows()).isEqualTo(1_000_000);
        assertThat(settings.ddl().database(DatasetId.parse("tpch.sf1"))).isEqualTo("bench_tpch_sf1");
        assertThat(settings.ddl().createTable(DatasetId.parse("tpch.sf1"), "region")).contains("ReplicatedMergeTree", "replicated_deduplication_window = 250");
        assertThat(settings.toString()).doesNotContain("pass word");
    }

    @Test
    void namesTheVariableOfABadValue()
    {
        assertThatThrownBy(() -> ClickHouseSettings.fromEnvironment(Map.of("SLUICE_CLICKHOUSE_BATCH_ROWS", "5000")))
                .hasMessage("SLUICE_CLICKHOUSE_BATCH_ROWS must be from 10000 to 1000000, got 5000");
        assertThatThrownBy(() -> ClickHouseSettings.fromEnvironment(Map.of("SLUICE_CLICKHOUSE_BATCH_ROWS", "lots")))
                .hasMessage("SLUICE_CLICKHOUSE_BATCH_ROWS 'lots' is not a whole number");
        assertThatThrownBy(() -> ClickHouseSettings.fromEnvironment(Map.of("SLUICE_CLICKHOUSE_URL", "http://127.0.0.1:8123")))
                .hasMessage("SLUICE_CLICKHOUSE_URL: ClickHouse URL 'http://127.0.0.1:8123' is not usable (it does not start with jdbc:clickhouse: or jdbc:ch:); "
                        + "expected e.g. jdbc:clickhouse://127.0.0.1:8123/default");
        assertThatThrownBy(() -> ClickHouseSettings.fromEnvironment(Map.of("SLUICE_CLICKHOUSE_TIMEOUT_MS", "0")))
                .hasMessage("SLUICE_CLICKHOUSE_TIMEOUT_MS must be >= 1, got 0");
        assertThatThrownBy(() -> ClickHouseSettings.fromEnvironment(Map.of("SLUICE_CLICKHOUSE_ENGINE", "log")))
                .hasMessageStartingWith("SLUICE_CLICKHOUSE_ENGINE: ClickHouse engine 'log' is not supported");
        assertThatThrownBy(() -> ClickHouseSettings.fromEnvironment(Map.of("SLUICE_CLICKHOUSE_DEDUPLICATION_WINDOW", "0")))
                .hasMessage("SLUICE_CLICKHOUSE_DEDUPLICATION_WINDOW must be >= 1, got 0");
        assertThatThrownBy(() -> ClickHouseSettings.fromEnvironment(Map.of("SLUICE_CLICKHOUSE_DATABASE_PREFIX", "My-")))
                .hasMessage("SLUICE_CLICKHOUSE_DATABASE_PREFIX 'My-' may hold only a-z, 0-9 and _");
    }

    @Test
    void deduplicationTokenIsTheBatchOffsetRange()
    {
        BatchKey key = new BatchKey(DatasetId.parse("tpch.sf1"), "lineitem", "tpch.sf1.lineitem", 3, 1_000);

        assertThat(DeduplicationToken.of(key, 1_999)).isEqualTo("tpch.sf1.lineitem/3/1000-1999");
        assertThatThrownBy(() -> DeduplicationToken.of(key, 999)).hasMessageContaining("before the batch's first offset");
    }
}
