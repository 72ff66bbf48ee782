package io.sluice.cli;

import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.clickhouse.ClickHouseSettings;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.registration.RegistrationSettings;
import io.sluice.ingest.tracker.TrackerSettings;
import io.sluice.loaders.parquet.ParquetSettings;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings get logged (start-up lines, errors): none of their toStrings may show a secret. */
class SettingsSecretsTest {
    @Test
    void noSettingsRecordShowsASecret() {
        String jaas = "secret-jaas-" + UUID.randomUUID();
        String truststorePassword = "secret-truststore-" + UUID.randomUUID();
        String s3Secret = "secret-s3-" + UUID.randomUUID();
        String clickHousePassword = "secret-clickhouse-" + UUID.randomUUID();
        String trinoPassword = "secret-trino-" + UUID.randomUUID();
        Map<String, String> env = new HashMap<>(Map.of(
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "SLUICE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SLUICE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "SLUICE_KAFKA_SASL_JAAS_CONFIG", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"" + jaas + "\";",
                "SLUICE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/sluice/kafka-tls/truststore.p12",
                "SLUICE_KAFKA_SSL_TRUSTSTORE_PASSWORD", truststorePassword,
                "SLUICE_S3_ACCESS_KEY", "access",
                "SLUICE_S3_SECRET_KEY", s3Secret,
                "SLUICE_CLICKHOUSE_PASSWORD", clickHousePassword,
                "SLUICE_TRINO_PASSWORD", trinoPassword));
        env.put("SLUICE_LANDER_SOURCES", "tpch.sf1");

        List<Object> settings = List.of(
                GeneratorSettings.fromEnvironment(env),
                LanderSettings.fromEnvironment(env),
                ParquetSettings.fromEnvironment(env),
                ClickHouseSettings.fromEnvironment(env),
                TrackerSettings.fromEnvironment(env),
                RegistrationSettings.fromEnvironment(env));

        assertThat(settings).allSatisfy(value -> assertThat(value.toString())
                .doesNotContain(jaas, truststorePassword, s3Secret, clickHousePassword, trinoPassword)
                .isNotBlank());
        // the non-secret parts are still there to help
        assertThat(settings.getFirst().toString()).contains("127.0.0.1:9092");
    }
}
