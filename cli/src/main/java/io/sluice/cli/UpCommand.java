package io.sluice.cli;

import io.sluice.stack.LocalStack;
import io.sluice.stack.ServerKinds;
import io.sluice.stack.StackException;
import io.sluice.stack.StackSettings;
import io.sluice.stack.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code sluice up}: starts the local stack and returns once every server is healthy. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the local stack (Kafka, S3 store, ClickHouse, Trino) on loopback and wait until all are healthy.")
final class UpCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private StackOptions options;

    @Option(names = "--json", description = "Print the status as one JSON object.")
    private boolean json;

    @Override
    public Integer call() {
        StackStatus status = LocalStack.up(options.settings(), DownloadBar.onStandardError(spec.commandLine().getErr()));
        StatusView.print(spec.commandLine().getOut(), status, json);
        return 0;
    }

    /** The options that shape a stack, mapped onto the stack's settings record. */
    static final class StackOptions {
        @Spec(Spec.Target.MIXEE)
        private CommandSpec spec;

        @Mixin
        private RunDirOption runDir;

        @Option(names = "--servers", split = ",", paramLabel = "NAME",
                description = "Servers to start, comma-separated, from: kafka (its kafka-controller comes with it), s3, clickhouse, trino. Default: all.")
        private List<String> servers = ServerKinds.names();

        @Option(names = "--kafka-port", paramLabel = "PORT", description = "Fixed Kafka listener port. Default: a free port.")
        private Integer kafkaPort;

        @Option(names = "--s3-port", paramLabel = "PORT", description = "Fixed S3 store port. Default: a free port.")
        private Integer s3Port;

        @Option(names = "--clickhouse-port", paramLabel = "PORT", description = "Fixed ClickHouse HTTP port. Default: a free port.")
        private Integer clickhousePort;

        @Option(names = "--trino-port", paramLabel = "PORT", description = "Fixed Trino HTTP port. Default: a free port.")
        private Integer trinoPort;

        @Option(names = "--bucket", paramLabel = "NAME", description = "S3 bucket the pipeline writes to. Default: ${DEFAULT-VALUE}.")
        private String bucket = StackSettings.DEFAULT_BUCKET;

        @Option(names = "--start-timeout", paramLabel = "SECONDS",
                description = "How long each server may take to become healthy. Default: ${DEFAULT-VALUE}.")
        private long startTimeoutSeconds = StackSettings.DEFAULT_START_TIMEOUT.toSeconds();

        StackSettings settings() {
            Map<String, Integer> fixedPorts = new LinkedHashMap<>();
            putIfSet(fixedPorts, "kafka", kafkaPort);
            putIfSet(fixedPorts, "s3", s3Port);
            putIfSet(fixedPorts, "clickhouse", clickhousePort);
            putIfSet(fixedPorts, "trino", trinoPort);
            try {
                return new StackSettings(runDir.runDir(), servers, fixedPorts, bucket, Duration.ofSeconds(startTimeoutSeconds));
            }
            catch (StackException e) {
                // each of its checks is of one of these options, and says which
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }

        private static void putIfSet(Map<String, Integer> ports, String server, Integer port) {
            if (port != null) {
                ports.put(server, port);
            }
        }
    }
}
