package io.sluice.schema.kafka;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaClientSettingsTest
{
    @Test
    void defaultsToPlaintextOnTheLocalBroker()
    {
        KafkaClientSettings settings = KafkaClientSettings.fromEnvironment(Map.of());

        assertThat(settings).isEqualTo(KafkaClientSettings.plaintext("127.0.0.1:9092"));
        assertThat(settings.toClientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "127.0.0.1:9092",
                "security.protocol", "PLAINTEXT"));
        assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.toLivenessProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "session.timeout.ms", 10_000,
                "heartbeat.interval.ms", 3_333));
    }

    @Test
    void mapsEveryVariableToItsClientProperty()
    {
        KafkaClientSettings settings = KafkaClientSettings.fromEnvironment(Map.of(
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9093,kafka-1:9093",
                "SLUICE_KAFKA_SECURITY_PROTOCOL", "sasl_ssl",
                "SLUICE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "SLUICE_KAFKA_SASL_JAAS_CONFIG", "jaas-secret",
                "SLUICE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/truststore.p12",
                "SLUICE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "store-secret",
                "SLUICE_KAFKA_SESSION_TIMEOUT_MS", "30000"));

        assertThat(settings.sessionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.toClientProperties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "kafka-0:9093,kafka-1:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "jaas-secret",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "ssl.truststore.password", "store-secret"));
        assertThat(settings.toString()).doesNotContain("jaas-secret", "store-secret").contains("kafka-0:9093");
    }

    @Test
    void aGroupMemberReadsCommittedRecordsFromTheEarliestCreatesNoTopicAndHeartbeatsThreeTimesASession()
    {
        KafkaClientSettings settings = KafkaClientSettings.fromEnvironment(Map.of(
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9093",
                "SLUICE_KAFKA_SESSION_TIMEOUT_MS", "6000"));

        assertThat(settings.toGroupMemberProperties("sluice-lander-parquet")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "kafka-0:9093",
                "security.protocol", "PLAINTEXT",
                "group.id", "sluice-lander-parquet",
                "isolation.level", "read_committed",
                "auto.offset.reset", "earliest",
                "partition.assignment.strategy", "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
                "allow.auto.create.topics", false,
                "session.timeout.ms", 6_000,
                "heartbeat.interval.ms", 2_000));
    }

    @Test
    void aSeekingReaderKeepsTheSecuritySettingsAndNeitherCommitsNorCreatesTopics()
    {
        KafkaClientSettings settings = KafkaClientSettings.fromEnvironment(Map.of(
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9093",
                "SLUICE_KAFKA_SECURITY_PROTOCOL", "ssl"));

        assertThat(settings.toSeekingReaderProperties("reader")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "kafka-0:9093",
                "security.protocol", "SSL",
                "client.id", "reader",
                "isolation.level", "read_committed",
                "enable.auto.commit", false,
                "allow.auto.create.topics", false));
    }

    @Test
    void blankVariablesTakeDefaults()
    {
        assertThat(KafkaClientSettings.fromEnvironment(Map.of("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "  ", "SLUICE_KAFKA_SASL_MECHANISM", "")))
                .isEqualTo(KafkaClientSettings.plaintext(KafkaClientSettings.DEFAULT_BOOTSTRAP_SERVERS));
    }

    @Test
    void refusesInconsistentSettingsNamingTheVariable()
    {
        assertThatThrownBy(() -> KafkaClientSettings.fromEnvironment(Map.of("SLUICE_KAFKA_SECURITY_PROTOCOL", "TLS")))
                .hasMessage("SLUICE_KAFKA_SECURITY_PROTOCOL 'TLS' is not supported; allowed: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL");
        assertThatThrownBy(() -> KafkaClientSettings.fromEnvironment(Map.of("SLUICE_KAFKA_SASL_MECHANISM", "PLAIN")))
                .hasMessageStartingWith("SLUICE_KAFKA_SASL_MECHANISM and SLUICE_KAFKA_SASL_JAAS_CONFIG need SLUICE_KAFKA_SECURITY_PROTOCOL SASL_PLAINTEXT or SASL_SSL");
        assertThatThrownBy(() -> KafkaClientSettings.fromEnvironment(Map.of("SLUICE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "x")))
                .hasMessageContaining("SLUICE_KAFKA_SSL_TRUSTSTORE_LOCATION is not");
        assertThatThrownBy(() -> KafkaClientSettings.fromEnvironment(Map.of("SLUICE_KAFKA_SESSION_TIMEOUT_MS", "5999")))
                .hasMessage("SLUICE_KAFKA_SESSION_TIMEOUT_MS must be between 6000 and 1800000 (the brokers' default group.min.session.timeout.ms and group.max.session.timeout.ms), got 5999");
        assertThatThrownBy(() -> KafkaClientSettings.fromEnvironment(Map.of("SLUICE_KAFKA_SESSION_TIMEOUT_MS", "1800001")))
                .hasMessageStartingWith("SLUICE_KAFKA_SESSION_TIMEOUT_MS must be between 6000 and 1800000");
        assertThatThrownBy(() -> KafkaClientSettings.fromEnvironment(Map.of("SLUICE_KAFKA_SESSION_TIMEOUT_MS", "10s")))
                .hasMessageStartingWith("SLUICE_KAFKA_SESSION_TIMEOUT_MS");
    }

    @Test
    void bootstrapServersAreHostAndPortPairs()
    {
        assertThatThrownBy(() -> KafkaClientSettings.fromEnvironment(Map.of("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "nonsense")))
                .hasMessage("SLUICE_KAFKA_BOOTSTRAP_SERVERS: 'nonsense' is not host:port with a port in 1-65535 (in 'nonsense'), e.g. 127.0.0.1:9092");
        assertThatThrownBy(() -> KafkaClientSettings.plaintext("kafka-0:9092,kafka-1"))
                .hasMessage("SLUICE_KAFKA_BOOTSTRAP_SERVERS: 'kafka-1' is not host:port with a port in 1-65535 (in 'kafka-0:9092,kafka-1'), e.g. 127.0.0.1:9092");
        assertThatThrownBy(() -> KafkaClientSettings.checkBootstrapServers("kafka-0:99999")).hasMessageStartingWith("'kafka-0:99999' is not host:port");
        assertThatThrownBy(() -> KafkaClientSettings.checkBootstrapServers(" , ")).hasMessageStartingWith("empty");

        // blank entries are dropped, as the Kafka clients do
        KafkaClientSettings.checkBootstrapServers("kafka-0.kafka.svc:9093, 10.0.0.7:9092,[::1]:9092,");
    }
}
