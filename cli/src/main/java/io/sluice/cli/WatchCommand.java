package io.sluice.cli;

import io.sluice.ingest.tracker.DatasetWaitException;
import io.sluice.ingest.tracker.DatasetWaiter;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.Sink;
import io.sluice.schema.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sluice watch}: follows a dataset on {@code sluice.events}, as every service announces what it finished,
 * until it is ready in every sink: what a user runs after {@code sluice trigger} instead of reading pod logs.
 */
@CommandLine.Command(name = "watch", mixinStandardHelpOptions = true,
        description = "Follow a dataset on sluice.events until it is ready in every sink (a progress bar, or a line every 10 s), then print what each sink holds. Exit 1 if it failed or --timeout passed.")
final class WatchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Mixin
    private DatasetOptions dataset;

    @Mixin
    private KafkaOption kafka;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "How long to wait for the DatasetReady of every sink of $SLUICE_QUERY_RUNNER_SINKS (default: all). Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds = 3600;

    @Override
    public Integer call() throws Exception {
        DatasetId id = dataset.dataset(spec);
        Duration timeout = UsageErrors.seconds(spec, "--timeout", timeoutSeconds);
        QueryRunnerSettings settings = kafka.reachableQueryRunner(runDir.runDir());
        ProgressBar bar = ProgressBar.forStandardError(spec.commandLine().getErr());
        Map<Sink, DatasetReady> ready;
        try {
            ready = new DatasetWaiter(settings.kafka(), Topics.EVENTS).await(id, settings.requiredSinks(), timeout, progress -> LandingView.show(bar, progress, settings.requiredSinks()));
        }
        catch (DatasetWaitException e) {
            bar.finish();
            throw LandingView.notReady("", id, dataset.scaleFactor, e, "pass a longer --timeout while it lands");
        }
        bar.finish();
        PrintWriter out = spec.commandLine().getOut();
        DatasetReady any = ready.values().iterator().next();
        out.printf("dataset %s: %,d rows in %d tables, verified in %s (rows and checksum of each chunk)%n", id, any.rows(), any.tables().size(),
                ready.size() == 1 ? "its sink" : "every sink");
        LandingView.printSinks(out, ready);
        out.flush();
        return 0;
    }
}
