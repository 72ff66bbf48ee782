package io.sluice.cli;

import io.sluice.ingest.tracker.DatasetWaitException;
import io.sluice.ingest.tracker.DatasetWaiter;
import io.sluice.queryrunner.plan.Plans;
import io.sluice.queryrunner.run.BenchmarkRunner;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.schema.command.RunBenchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.BenchmarkStarted;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code sluice query}: asks the query runner of a cluster to run a benchmark plan on a dataset that has landed, by
 * producing a {@code RunBenchmark} command. The query runner runs a command as soon as it reads it, so this first
 * checks on {@code sluice.events} that the dataset is ready in the sinks the query runner waits for: on a dataset
 * that has not landed, every query would fail.
 */
@CommandLine.Command(name = "query", mixinStandardHelpOptions = true,
        description = "Produce a RunBenchmark command to sluice.control for the query runner: run a plan on a dataset that has landed (checked first); prints the run id.")
final class QueryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Mixin
    private DatasetOptions dataset;

    @Mixin
    private KafkaOption kafka;

    @Option(names = "--plan", paramLabel = "NAME",
            description = "A plan the query runner knows: a built-in one (default, default-tpcds) or one of its plan files (SLUICE_QUERY_RUNNER_PLANS_DIR, the chart's plans). Default: the benchmark's default plan.")
    private String plan;

    @Option(names = "--run-id", paramLabel = "ID", description = "Id of the benchmark run (the record key, names its results folder). Default: a new one.")
    private String runId;

    @Option(names = "--wait", paramLabel = "SECONDS",
            description = "How long to wait for the dataset's DatasetReady in every sink of $SLUICE_QUERY_RUNNER_SINKS (default: all), and then for the query runner to start the run or reject it. Default: ${DEFAULT-VALUE}.")
    private int waitSeconds = 30;

    @Override
    public Integer call() throws Exception {
        DatasetId id = dataset.dataset(spec);
        String run = UsageErrors.runId(spec, Optional.ofNullable(runId).orElseGet(() -> BenchmarkRunner.newRunId(id)));
        if (plan != null && plan.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--plan is blank; name a plan the query runner knows, or leave it out for the default plan");
        }
        Duration wait = UsageErrors.seconds(spec, "--wait", waitSeconds);
        QueryRunnerSettings settings = kafka.reachableQueryRunner(runDir.runDir());
        try {
            new DatasetWaiter(settings.kafka(), Topics.EVENTS).await(id, settings.requiredSinks(), wait, _ -> {});
        }
        catch (DatasetWaitException e) {
            throw LandingView.notReady("not sent: ", id, dataset.scaleFactor, e, "the query runner would run every query on missing tables: pass a longer --wait while it lands");
        }
        PrintWriter err = spec.commandLine().getErr();
        String what = "RunBenchmark for %s (plan %s)".formatted(id, Optional.ofNullable(plan).orElseGet(() -> Plans.defaultName(id.benchmark())));
        Optional<PipelineEvent> answer = CommandAnswers.sendAndAwait(settings.kafka(), run, new RunBenchmark(run, id, Optional.ofNullable(plan)), what, Set.of(run),
                event -> event instanceof CommandRejected || event instanceof BenchmarkStarted, wait, err);
        switch (answer.orElse(null)) {
            case CommandRejected rejected -> throw new IllegalStateException("the query runner rejected run %s: %s".formatted(run, rejected.reason()));
            case BenchmarkStarted started -> err.printf("the query runner started run %s on %s%n", run, started.engines());
            case null, default -> err.printf("no answer from a query runner within %d s: none runs, or it is busy with another run (it runs one at a time); BenchmarkStarted on %s says when run %s starts%n",
                    waitSeconds, Topics.EVENTS, run);
        }
        spec.commandLine().getOut().println(run);
        return 0;
    }
}
