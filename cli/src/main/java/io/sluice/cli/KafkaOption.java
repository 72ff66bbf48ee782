package io.sluice.cli;

import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.schema.kafka.KafkaClientSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The Kafka to talk to, when it is not the one of the environment or of the local stack. */
final class KafkaOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka. Default: $SLUICE_KAFKA_BOOTSTRAP_SERVERS, else the local stack's broker.")
    private String bootstrapServers;

    /** Puts the option into {@code env} as its variable; a value that is not host:port pairs is a usage error. */
    void putInto(Map<String, String> env) {
        if (bootstrapServers != null) {
            UsageErrors.check(spec, "--bootstrap-servers", () -> {
                KafkaClientSettings.checkBootstrapServers(bootstrapServers);
                return bootstrapServers;
            });
            env.put(KafkaClientSettings.BOOTSTRAP_SERVERS_ENV, bootstrapServers);
        }
    }

    /**
     * The query runner's settings as this process sees them, with this option's Kafka, once a broker answers there:
     * for the commands that read what the cluster's services announced, in the sinks the query runner waits for.
     */
    QueryRunnerSettings reachableQueryRunner(Path runDir) throws InterruptedException {
        Map<String, String> env = new HashMap<>(ServiceEnvironment.current(runDir));
        putInto(env);
        QueryRunnerSettings settings = QueryRunnerSettings.fromEnvironment(env);
        KafkaProbe.requireReachable(settings.kafka(), runDir, KafkaProbe.TIMEOUT);
        return settings;
    }
}
