package io.sluice.ingest.registration;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistrationSettingsTest
{
    @Test
    void defaults()
    {
        RegistrationSettings settings = RegistrationSettings.fromEnvironment(Map.of());

        assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(settings.groupId()).isEqualTo("sluice-registration");
        assertThat(settings.eventsTopic()).isEqualTo("sluice.events");
        assertThat(settings.trinoJdbcUrl()).isEqualTo("jdbc:trino://127.0.0.1:8080");
        assertThat(settings.trinoUser()).isEqualTo("sluice");
        assertThat(settings.trinoPassword()).isEmpty();
        assertThat(settings.catalog()).isEqualTo("hive");
        assertThat(settings.bucket()).isEqualTo("sluice");
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings).isEqualTo(RegistrationSettings.defaults(settings.kafka(), "jdbc:trino://127.0.0.1:8080", "sluice"));
    }

    @Test
    void readsEveryVariable()
    {
        RegistrationSettings settings = RegistrationSettings.fromEnvironment(Map.ofEntries(
                Map.entry("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "broker:9093"),
                Map.entry("SLUICE_REGISTRATION_GROUP_ID", "registrars"),
                Map.entry("SLUICE_REGISTRATION_EVENTS_TOPIC", "news"),
                Map.entry("SLUICE_TRINO_JDBC_URL", "jdbc:trino://trino:8443"),
                Map.entry("SLUICE_TRINO_USER", "bench"),
                Map.entry("SLUICE_TRINO_PASSWORD", "s3cret"),
                Map.entry("SLUICE_TRINO_CATALOG", "lake"),
                Map.entry("SLUICE_S3_BUCKET", "landing"),
                Map.entry("SLUICE_REGISTRATION_RETRY_BACKOFF_MS", "250")));

        assertThat(settings.kafka().bootstrapServers()).isEqualTo("broker:9093");
        assertThat(settings.groupId()).isEqualTo("registrars");
        assertThat(settings.eventsTopic()).isEqualTo("news");
        assertThat(settings.trinoJdbcUrl()).isEqualTo("jdbc:trino://trino:8443");
        assertThat(settings.trinoUser()).isEqualTo("bench");
        assertThat(settings.trinoPassword()).isEqualTo(Optional.of("s3cret"));
        assertThat(settings.catalog()).isEqualTo("lake");
        assertThat(settings.bucket()).isEqualTo("landing");
        assertThat(settings.retryBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.toString()).doesNotContain("s3cret").contains("trinoPassword=***");
    }

    @Test
    void aBadValueNamesItsVariable()
    {
        assertThatThrownBy(() -> RegistrationSettings.fromEnvironment(Map.of("SLUICE_TRINO_JDBC_URL", "jdbc:clickhouse://ch:8123")))
                .hasMessage("SLUICE_TRINO_JDBC_URL 'jdbc:clickhouse://ch:8123' is not a Trino JDBC URL; use jdbc:trino://host:port");
        assertThatThrownBy(() -> RegistrationSettings.fromEnvironment(Map.of("SLUICE_REGISTRATION_EVENTS_TOPIC", "no topic has this name!")))
                .hasMessageStartingWith("SLUICE_REGISTRATION_EVENTS_TOPIC='no topic has this name!' is invalid: Topic name is invalid");
        assertThatThrownBy(() -> RegistrationSettings.fromEnvironment(Map.of("SLUICE_TRINO_CATALOG", "hive; drop schema x")))
                .hasMessage("SLUICE_TRINO_CATALOG 'hive; drop schema x' is not a plain Trino catalog name: letters, digits and _, not starting with a digit");
        assertThat(RegistrationSettings.fromEnvironment(Map.of("SLUICE_TRINO_CATALOG", "lake_2")).catalog()).isEqualTo("lake_2");
        assertThatThrownBy(() -> RegistrationSettings.fromEnvironment(Map.of("SLUICE_REGISTRATION_RETRY_BACKOFF_MS", "0")))
                .hasMessageContaining("SLUICE_REGISTRATION_RETRY_BACKOFF_MS");
        assertThatThrownBy(() -> RegistrationSettings.fromEnvironment(Map.of("SLUICE_REGISTRATION_RETRY_BACKOFF_MS", "soon")))
                .hasMessageContaining("SLUICE_REGISTRATION_RETRY_BACKOFF_MS");
    }
}
