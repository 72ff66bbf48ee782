package io.sluice.stack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {
    @Test
    void bindsBothListenersToLoopbackOnTheirPorts() throws IOException {
        Properties properties = render(new KafkaBrokerConfig(19092, 19093, Path.of("/data/kafka/logs")));

        assertThat(properties.getProperty("listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(properties.getProperty("controller.quorum.bootstrap.servers")).isEqualTo("127.0.0.1:19093");
        assertThat(properties.getProperty("log.dirs")).isEqualTo("/data/kafka/logs");
    }

    @Test
    void replicationFitsOneNodeSoTransactionsWork() throws IOException {
        Properties properties = render(new KafkaBrokerConfig(19092, 19093, Path.of("/logs")));

        assertThat(properties.getProperty("transaction.state.log.replication.factor")).isEqualTo("1");
        assertThat(properties.getProperty("transaction.state.log.min.isr")).isEqualTo("1");
        assertThat(properties.getProperty("offsets.topic.replication.factor")).isEqualTo("1");
    }

    @Test
    void rejectsClashingPorts() {
        assertThatThrownBy(() -> new KafkaBrokerConfig(9092, 9092, Path.of("/logs")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must differ");
    }

    @Test
    void clusterIdsAreRandomBase64UrlUuids() {
        String id = KafkaServerKind.clusterId();
        assertThat(id).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
        assertThat(KafkaServerKind.clusterId()).isNotEqualTo(id);
    }

    private static Properties render(KafkaBrokerConfig config) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(config.render()));
        return properties;
    }
}
