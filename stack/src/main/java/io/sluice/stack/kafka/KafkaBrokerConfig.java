package io.sluice.stack.kafka;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The {@code server.properties} of the single KRaft node (broker and controller in one process) the stack
 * runs: both listeners on loopback, and replication settings a single node can satisfy, which
 * transactions (exactly-once) and consumer groups need.
 */
record KafkaBrokerConfig(int port, int controllerPort, Path logDir) {
    KafkaBrokerConfig {
        checkPort(port, "port");
        checkPort(controllerPort, "controllerPort");
        if (port == controllerPort) {
            throw new IllegalArgumentException("client and controller ports must differ: " + port);
        }
        requireNonNull(logDir, "logDir");
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    String render() {
        return """
                process.roles=broker,controller
                node.id=1
                controller.quorum.bootstrap.servers=127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, logDir.toAbsolutePath());
    }

    private static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be in 1-65535: " + port);
        }
    }
}
