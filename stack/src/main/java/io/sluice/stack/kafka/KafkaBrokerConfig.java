package io.sluice.stack.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The {@code server.properties} of the stack's broker, a KRaft broker alone in its process: its client listener on
 * loopback, the controller's quorum to join, heartbeats well within the controller's session timeout, and
 * replication settings a single broker can satisfy, which transactions (exactly-once) and consumer groups need.
 */
record KafkaBrokerConfig(int port, String bootstrapControllers, Path logDir) {
    static final int NODE_ID = 2;

    KafkaBrokerConfig {
        checkPort(port, "port");
        requireNonNull(bootstrapControllers, "bootstrapControllers");
        if (bootstrapControllers.endsWith(":" + port)) {
            throw new IllegalArgumentException("the broker's port %d must differ from the controller's %s".formatted(port, bootstrapControllers));
        }
        requireNonNull(logDir, "logDir");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    String render() {
        return """
                process.roles=broker
                node.id=%4$d
                controller.quorum.bootstrap.servers=%2$s
                listeners=PLAINTEXT://127.0.0.1:%1$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                broker.heartbeat.interval.ms=%5$d
                num.partitions=1
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, bootstrapControllers, logDir.toAbsolutePath(), NODE_ID, KafkaControllerConfig.BROKER_HEARTBEAT_INTERVAL.toMillis());
    }

    static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be in 1-65535: " + port);
        }
    }
}
