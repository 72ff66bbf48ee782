package io.sluice.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaConfigTest {
    @Test
    void theControllerIsTheOnlyVoterOnALoopbackListener() throws IOException {
        Properties properties = load(new KafkaControllerConfig(19093, Path.of("/data/kafka-controller/logs")).render());

        assertThat(properties.getProperty("process.roles")).isEqualTo("controller");
        assertThat(properties.getProperty("listeners")).isEqualTo("CONTROLLER://127.0.0.1:19093");
        assertThat(properties.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:19093");
        assertThat(properties.getProperty("log.dirs")).isEqualTo("/data/kafka-controller/logs");
    }

    @Test
    void theBrokerJoinsTheControllerAndListensOnLoopback() throws IOException {
        Properties properties = load(new KafkaBrokerConfig(19092, "127.0.0.1:19093", Path.of("/data/kafka/logs")).render());

        assertThat(properties.getProperty("process.roles")).isEqualTo("broker");
        assertThat(properties.getProperty("node.id")).isEqualTo(String.valueOf(KafkaBrokerConfig.NODE_ID)).isNotEqualTo(String.valueOf(KafkaControllerConfig.NODE_ID));
        assertThat(properties.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(properties.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:19093");
        assertThat(properties.getProperty("log.dirs")).isEqualTo("/data/kafka/logs");
    }

    @Test
    void aKilledBrokerIsFencedWithinSecondsWhileALiveOneHeartbeatsWellWithinThat() throws IOException {
        Properties controller = load(new KafkaControllerConfig(19093, Path.of("/logs")).render());
        long session = Long.parseLong(controller.getProperty("broker.session.timeout.ms"));
        long heartbeat = Long.parseLong(load(new KafkaBrokerConfig(19092, "127.0.0.1:19093", Path.of("/logs")).render()).getProperty("broker.heartbeat.interval.ms"));

        assertThat(session).isEqualTo(KafkaControllerConfig.BROKER_SESSION_TIMEOUT.toMillis()).isLessThanOrEqualTo(5_000);
        assertThat(heartbeat * 4).isLessThanOrEqualTo(session);
        // the controller checks the interval against the timeout with its own value of it
        assertThat(controller.getProperty("broker.heartbeat.interval.ms")).isEqualTo(Long.toString(heartbeat));
    }

    @Test
    void replicationFitsOneBrokerSoTransactionsWork() throws IOException {
        Properties properties = load(new KafkaBrokerConfig(19092, "127.0.0.1:19093", Path.of("/logs")).render());

        assertThat(properties.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(properties.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(properties.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    }

    @Test
    void rejectsClashingPortsAndPortsOutOfRange() {
        assertThatThrownBy(() -> new KafkaBrokerConfig(9092, "127.0.0.1:9092", Path.of("/logs")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> new KafkaControllerConfig(70000, Path.of("/logs")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be in 1-65535: 70000");
    }

    @Test
    void clusterIdsAreRandomBase64UrlUuids() {
        String id = KafkaControllerServerKind.clusterId();
        assertThat(id).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
        assertThat(KafkaControllerServerKind.clusterId()).isNotEqualTo(id);
    }

    private static Properties load(String rendered) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(rendered));
        return properties;
    }
}
