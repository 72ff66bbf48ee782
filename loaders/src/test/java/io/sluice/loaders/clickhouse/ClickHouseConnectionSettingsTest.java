package io.sluice.loaders.clickhouse;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseConnectionSettingsTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void findsTheHttpEndpointOfEveryJdbcUrlForm()
    {
        assertThat(endpoint("jdbc:clickhouse://127.0.0.1:18123/default")).isEqualTo("http://127.0.0.1:18123");
        assertThat(endpoint("jdbc:clickhouse://clickhouse.sluice.svc")).isEqualTo("http://clickhouse.sluice.svc:8123");
        assertThat(endpoint("jdbc:clickhouse:https://ch.example:9443/db?ssl=true")).isEqualTo("https://ch.example:9443");
        assertThat(endpoint("jdbc:ch:http://localhost:8123")).isEqualTo("http://localhost:8123");
    }

    @Test
    void refusesWhatItCannotConnectTo()
    {
        assertThatThrownBy(() -> endpoint("http://127.0.0.1:8123")).hasMessageContaining("does not start with jdbc:clickhouse:");
        assertThatThrownBy(() -> endpoint("jdbc:clickhouse:tcp://127.0.0.1:9000")).hasMessageContaining("protocol tcp is not HTTP(S)");
        assertThatThrownBy(() -> new ClickHouseConnectionSettings("jdbc:clickhouse://h:1", " ", "", TIMEOUT)).hasMessageContaining("user is empty");
        assertThatThrownBy(() -> new ClickHouseConnectionSettings("jdbc:clickhouse://h:1", "u", "", Duration.ZERO)).hasMessageContaining("timeout must be positive");
    }

    @Test
    void neverShowsThePassword()
    {
        assertThat(new ClickHouseConnectionSettings("jdbc:clickhouse://h:1", "sluice", "s3cret", TIMEOUT).toString())
                .contains("user=sluice", "password=***")
                .doesNotContain("s3cret");
    }

    private static String endpoint(String url)
    {
        return new ClickHouseConnectionSettings(url, "default", "", TIMEOUT).httpEndpoint();
    }
}
