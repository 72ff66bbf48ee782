package io.sluice.cli;

import io.sluice.generator.kafka.TopicProvisioner;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.command.GenerateDataset;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.RecordMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code sluice trigger}: asks the generators listening on {@code sluice.control} for a dataset, by producing a
 * {@code GenerateDataset} command. This is how a dataset is requested from a cluster installed with the chart.
 */
@CommandLine.Command(name = "trigger", mixinStandardHelpOptions = true,
        description = "Produce a GenerateDataset command to sluice.control for the generator listeners (sluice generate --listen); prints the run id.")
final class TriggerCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Mixin
    private DatasetOptions dataset;

    @Mixin
    private DatasetScopeOptions scope;

    @Mixin
    private KafkaOption kafka;

    @Option(names = "--run-id", paramLabel = "ID", description = "Id of the run the command starts (the record key). Default: a random one.")
    private String runId = "run-" + UUID.randomUUID();

    @Override
    public Integer call() throws Exception {
        scope.check(spec, dataset.dataset(spec).benchmark());
        Map<String, String> env = new HashMap<>(ServiceEnvironment.current(runDir.runDir()));
        dataset.putInto(env);
        scope.putInto(env);
        kafka.putInto(env);
        // Validated here as the generator would, so a bad request fails now rather than as a rejection later.
        GeneratorSettings settings = GeneratorSettings.fromEnvironment(env);
        GenerateDataset command = new GenerateDataset(runId, settings.benchmark(), settings.scaleFactor(), settings.effectiveParts(),
                settings.partRange(), settings.tables());

        KafkaProbe.requireReachable(settings.kafka(), runDir.runDir(), KafkaProbe.TIMEOUT);
        Properties properties = new Properties();
        properties.putAll(settings.kafka().toClientProperties());
        try (Admin admin = Admin.create(properties)) {
            new TopicProvisioner(admin, settings.replicationFactor()).ensureSystemTopics();
        }
        RecordMetadata sent = ControlTopic.send(settings.kafka(), runId, command);
        spec.commandLine().getErr().printf("sent GenerateDataset for %s (%d parts) to %s partition %d offset %d%n",
                settings.dataset(), command.parts(), sent.topic(), sent.partition(), sent.offset());
        spec.commandLine().getOut().println(runId);
        return 0;
    }
}
