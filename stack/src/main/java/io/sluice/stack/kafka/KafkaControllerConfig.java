package io.sluice.stack.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code controller.properties} of the stack's KRaft controller: the only voter of the metadata quorum, alone in
 * its process, listening on loopback. It fences a broker that stops heartbeating within {@link #BROKER_SESSION_TIMEOUT},
 * so a killed broker is fenced before it can be started again (see {@link KafkaServerKind#prepareRestart}). The broker's
 * heartbeat interval is set here too: the controller checks it against the session timeout with its own value, which
 * by default (2 s) is more than half of it, and says so in an ERROR line at every start.
 */
record KafkaControllerConfig(int port, Path logDir) {
    static final int NODE_ID = 1;
    static final Duration BROKER_SESSION_TIMEOUT = Duration.ofSeconds(3);
    static final Duration BROKER_HEARTBEAT_INTERVAL = Duration.ofMillis(500);

    KafkaControllerConfig {
        KafkaBrokerConfig.checkPort(port, "port");
        requireNonNull(logDir, "logDir");
    }

    String bootstrapControllers() {
        return "127.0.0.1:" + port;
    }

    String render() {
        return """
                process.roles=controller
                node.id=%3$d
                controller.quorum.bootstrap.servers=127.0.0.1:%1$d
                listeners=CONTROLLER://127.0.0.1:%1$d
                advertised.listeners=CONTROLLER://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                listener.security.protocol.map=CONTROLLER:PLAINTEXT
                log.dirs=%2$s
                broker.session.timeout.ms=%4$d
                broker.heartbeat.interval.ms=%5$d
                """.formatted(port, logDir.toAbsolutePath(), NODE_ID, BROKER_SESSION_TIMEOUT.toMillis(), BROKER_HEARTBEAT_INTERVAL.toMillis());
    }
}
