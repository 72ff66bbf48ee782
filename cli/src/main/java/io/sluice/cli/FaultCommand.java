package io.sluice.cli;

import io.sluice.faults.Fault;
import io.sluice.schema.command.RunFault;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * {@code sluice fault}: asks the query runner of a cluster to break a component now, by producing a {@code RunFault}
 * command; the query runner injects it into the release's pods and answers a fault it cannot apply with
 * {@code CommandRejected}. On one machine, {@code sluice run --fault} does this for a run.
 */
@CommandLine.Command(name = "fault", mixinStandardHelpOptions = true,
        description = "Produce a RunFault command to sluice.control for the query runner (a cluster with faults.enabled); prints the run id.")
final class FaultCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Mixin
    private KafkaOption kafka;

    @Parameters(index = "0", paramLabel = "TARGET:KIND@PHASE[/START][+DURATION]",
            description = "e.g. clickhouse:kill@benchmark, parquet-lander:kill@ingest/30s, kafka:slow@benchmark+2m; START counts from when the query runner reads it.")
    private String fault;

    @Option(names = "--run-id", paramLabel = "ID", description = "Id of the fault run (the record key, names its results folder). Default: a random one.")
    private String runId = "fault-" + UUID.randomUUID();

    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "How long to wait for the query runner to break the target (FaultInjected) or reject the command. Default: ${DEFAULT-VALUE}.")
    private int waitSeconds = 30;

    @Override
    public Integer call() throws Exception {
        Fault parsed;
        try {
            parsed = Fault.parse(fault);
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        UsageErrors.runId(spec, runId);
        Duration wait = UsageErrors.seconds(spec, "--wait", waitSeconds);
        Map<String, String> env = new HashMap<>(ServiceEnvironment.current(runDir.runDir()));
        kafka.putInto(env);
        RunFault command = parsed.toCommand(runId);
        KafkaClientSettings settings = KafkaClientSettings.fromEnvironment(env);
        KafkaProbe.requireReachable(settings, runDir.runDir(), KafkaProbe.TIMEOUT);
        PrintWriter err = spec.commandLine().getErr();
        Optional<PipelineEvent> answer = CommandAnswers.sendAndAwait(settings, runId, command, "RunFault " + parsed, Set.of(runId),
                event -> event instanceof CommandRejected || event instanceof FaultInjected, wait, err);
        String local = localStackHint(settings);
        switch (answer.orElse(null)) {
            case CommandRejected rejected -> throw new IllegalStateException("the query runner rejected fault run %s: %s%s".formatted(runId, rejected.reason(), local));
            case FaultInjected injected -> err.printf("the query runner broke %s (%s)%n", injected.target(), injected.kind().name().toLowerCase(Locale.ROOT));
            case null, default -> err.printf("no answer from a query runner within %d s: the fault starts %d s after one reads it (FaultInjected on %s says when), or none runs with faults.enabled%s%n",
                    waitSeconds, parsed.start().toSeconds(), Topics.EVENTS, local);
        }
        spec.commandLine().getOut().println(runId);
        return 0;
    }

    /**
     * Faults of the local stack are only broken by {@code sluice run --fault}: a query runner can inject only into a
     * cluster's pods, so one reading the local stack's Kafka rejects the command or never answers.
     */
    private String localStackHint(KafkaClientSettings settings) {
        return ServiceEnvironment.isLocalStackKafka(runDir.runDir(), settings.bootstrapServers()) ? "; this Kafka is the local stack's: on one machine, 'sluice run --fault %s' breaks the stack's servers during a run".formatted(fault) : "";
    }
}
