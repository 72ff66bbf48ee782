package io.sluice.cli;

import io.sluice.generator.kafka.TopicProvisioner;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.command.GenerateDataset;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
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

    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "How long to wait for a generator listener to start the dataset (DatasetPlanned) or reject the command. Default: ${DEFAULT-VALUE}.")
    private int waitSeconds = 30;

    @Override
    public Integer call() throws Exception {
        scope.check(spec, dataset.dataset(spec).benchmark());
        Duration wait = UsageErrors.seconds(spec, "--wait", waitSeconds);
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
        PrintWriter err = spec.commandLine().getErr();
        // A listener announces the dataset's plan, with this command's run id, before it writes a row; or rejects the command
        Optional<PipelineEvent> answer = CommandAnswers.sendAndAwait(settings.kafka(), runId, command, "GenerateDataset for %s (%d parts)".formatted(settings.dataset(), command.parts()),
                Set.of(runId, settings.dataset().toString()),
                event -> event instanceof CommandRejected rejected && rejected.runId().equals(runId) || event instanceof DatasetPlanned planned && planned.runId().equals(Optional.of(runId)), wait, err);
        switch (answer.orElse(null)) {
            case CommandRejected rejected -> throw new IllegalStateException("the generator rejected run %s: %s".formatted(runId, rejected.reason()));
            case DatasetPlanned planned -> err.printf("a generator started %s (%d tables in %d parts); follow it with: sluice watch --benchmark %s --scale-factor %s%n",
                    planned.dataset(), planned.tables().size(), planned.parts(), settings.benchmark().id(), dataset.scaleFactor);
            case null, default -> err.printf("no answer from a generator listener within %d s: none runs (the chart's generator.mode=listener) or all are generating; the command waits on %s until one reads it%n",
                    waitSeconds, Topics.CONTROL);
        }
        spec.commandLine().getOut().println(runId);
        return 0;
    }
}
