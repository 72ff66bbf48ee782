package io.sluice.cli;

import io.sluice.schema.kafka.KafkaClientSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/** The Kafka to talk to, when it is not the one of the environment or of the local stack. */
final class KafkaOption {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka. Default: $SLUICE_KAFKA_BOOTSTRAP_SERVERS, else the local stack's broker.")
    private String bootstrapServers;

    void putInto(Map<String, String> env) {
        if (bootstrapServers != null) {
            env.put(KafkaClientSettings.BOOTSTRAP_SERVERS_ENV, bootstrapServers);
        }
    }
}
