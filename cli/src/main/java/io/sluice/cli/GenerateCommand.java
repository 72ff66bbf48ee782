package io.sluice.cli;

import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.DatasetPlanConflictException;
import io.sluice.generator.GenerationStoppedException;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.listen.ControlListener;
import io.sluice.generator.progress.GenerationProgress;
import io.sluice.generator.progress.ProgressListener;
import io.sluice.generator.settings.Compression;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ops.MetricsSettings;
import io.sluice.ops.OpsEndpoint;
import io.sluice.ops.Readiness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code sluice generate}: TPC-H / TPC-DS rows into Kafka, exactly once, or {@code --listen} for
 * {@code GenerateDataset} commands. Options override the {@code SLUICE_GENERATOR_*} environment, which overrides
 * the local stack's endpoints.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate a TPC-H or TPC-DS dataset into Kafka (one transaction per sub-chunk), or listen for GenerateDataset commands.")
final class GenerateCommand implements Callable<Integer> {
    /** What a {@code GenerateDataset} command says for a listener; given with {@code --listen}, it would mislead. */
    private static final List<String> DATASET_OPTIONS = List.of("--benchmark", "--scale-factor", "--parts", "--tables", "--part-range", "--part-index", "--parts-per-pod");
    /** A sub-chunk's rows and commit, with room; a pod's default grace period is 30 s. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

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

    @Mixin
    private MetricsOption metrics;

    @Option(names = "--part-range", paramLabel = "A-B", description = "Only these parts (1-based, inclusive), e.g. 3-4. Default: all.")
    private String partRange;

    @Option(names = "--part-index", paramLabel = "I",
            description = "0-based index of this process among ceil(parts / parts-per-pod) (an Indexed Job's completion index); takes parts I*K+1 .. (I+1)*K.")
    private Integer partIndex;

    @Option(names = "--parts-per-pod", paramLabel = "K", description = "Parts per --part-index. Default: ${DEFAULT-VALUE}.")
    private int partsPerPod = 1;

    @Option(names = "--sub-chunk-rows", paramLabel = "ROWS", description = "Most rows in one transaction. Default: 500000.")
    private Integer subChunkRows;

    @Option(names = "--compression", paramLabel = "CODEC", description = "none, lz4, zstd, gzip or snappy. Default: lz4.")
    private String compression;

    @Option(names = "--partitions", paramLabel = "N", description = "Partitions of row topics this run creates. Default: from the table size.")
    private Integer partitions;

    @Option(names = "--listen", description = "Run until stopped, generating each GenerateDataset command from sluice.control.")
    private boolean listen;

    @Override
    public Integer call() throws InterruptedException {
        scope.check(spec, dataset.dataset(spec).benchmark());
        Map<String, String> env = ServiceEnvironment.current(runDir.runDir());
        // combinations (a part range beyond --parts, a table named twice) are judged here, as usage errors too
        GeneratorSettings settings = UsageErrors.check(spec, () -> GeneratorSettings.fromEnvironment(environment(env)));
        MetricsSettings metricsSettings = metrics.settings(env);
        KafkaProbe.requireReachableUnlessDeployed(System.getenv(), settings.kafka(), runDir.runDir(), KafkaProbe.TIMEOUT);
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = ProgressBar.forStandardError(err);
        ProgressListener progress = update -> show(bar, update);
        try (OpsEndpoint ops = OpsEndpoint.start(metricsSettings)) {
            if (listen) {
                ControlListener listener = new ControlListener(settings, progress, ops.registry());
                ops.readyWhen(listener::readiness);
                Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(listener::close));
                // ControlListener logs that it listens (a log line keeps JSON logs one object per line)
                listener.run();
                return 0;
            }
            // a Job's pod has no Service and no readiness probe: ready means it is generating
            ops.readyWhen(() -> Readiness.ready("generating " + settings.dataset()));
            DatasetGenerator generator = new DatasetGenerator(settings, progress, ops.registry());
            GenerationSummary summary;
            // stopped (a Job's pod deleted), it ends after the current sub-chunk: an open transaction would hold back
            // read_committed landers of its partitions until it timed out
            try (StopHook _ = StopHook.stopping(generator::stop, STOP_GRACE)) {
                try {
                    summary = generator.run();
                } catch (GenerationStoppedException e) {
                    bar.finish();
                    spec.commandLine().getErr().println("sluice generate: " + e.getMessage());
                    return SluiceCommand.EXIT_FAILURE;
                }
            } catch (DatasetPlanConflictException e) {
                if (!ServiceEnvironment.isLocalStackKafka(runDir.runDir(), settings.kafka().bootstrapServers())) {
                    throw e;
                }
                throw new IllegalStateException(e.getMessage() + ": here, 'sluice down' and 'sluice up' give a stack without any dataset, "
                        + "or generate into a stack of its own with --run-dir", e);
            }
            bar.finish();
            spec.commandLine().getOut().println(summary);
            return 0;
        }
    }

    /** Checks the generator's own options so that an error names the option, not the variable the option becomes. */
    private void checkOptions() {
        if (listen) {
            List<String> ignored = DATASET_OPTIONS.stream().filter(spec.commandLine().getParseResult()::hasMatchedOption).toList();
            if (!ignored.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--listen generates the dataset each GenerateDataset command names; %s would be ignored (request a dataset with 'sluice trigger')"
                        .formatted(String.join(", ", ignored)));
            }
        }
        UsageErrors.range(spec, "--parts-per-pod", partsPerPod, 1, GeneratorSettings.MAX_PARTS);
        if (partIndex != null) {
            UsageErrors.range(spec, "--part-index", partIndex, 0, GeneratorSettings.MAX_PARTS - 1);
        }
        if (partRange != null) {
            UsageErrors.check(spec, "--part-range", () -> GeneratorSettings.parsePartRange(partRange));
        }
        if (subChunkRows != null) {
            UsageErrors.range(spec, "--sub-chunk-rows", subChunkRows, GeneratorSettings.MIN_SUB_CHUNK_ROWS, GeneratorSettings.MAX_SUB_CHUNK_ROWS);
        }
        if (compression != null) {
            UsageErrors.check(spec, "--compression", () -> Compression.parse(compression));
        }
        if (partitions != null) {
            UsageErrors.range(spec, "--partitions", partitions, 1, GeneratorSettings.MAX_PARTITIONS);
        }
    }

    /** The options, checked, as the {@code SLUICE_*} variables {@link GeneratorSettings#fromEnvironment} reads. */
    Map<String, String> environment(Map<String, String> base) {
        checkOptions();
        Map<String, String> env = new HashMap<>(base);
        dataset.putInto(env);
        scope.putInto(env);
        kafka.putInto(env);
        putIfSet(env, GeneratorSettings.PART_RANGE_ENV, partRange);
        if (partIndex != null) {
            if (partRange != null) {
                throw new IllegalArgumentException("use either --part-range or --part-index, not both");
            }
            int parts = scope.parts().orElseThrow(() -> new IllegalArgumentException("--part-index needs --parts"));
            if ((long) partIndex * partsPerPod >= parts) {
                throw new IllegalArgumentException("--part-index %d with --parts-per-pod %d is outside the %d parts; the index runs from 0 to %d"
                        .formatted(partIndex, partsPerPod, parts, (parts + partsPerPod - 1) / partsPerPod - 1));
            }
            int first = partIndex * partsPerPod + 1;
            env.put(GeneratorSettings.PART_RANGE_ENV, first + "-" + Math.min(parts, first + partsPerPod - 1));
        }
        putIfSet(env, GeneratorSettings.SUB_CHUNK_ROWS_ENV, subChunkRows);
        putIfSet(env, GeneratorSettings.COMPRESSION_ENV, compression);
        putIfSet(env, GeneratorSettings.PARTITIONS_ENV, partitions);
        return env;
    }

    static void show(ProgressBar bar, GenerationProgress progress) {
        String eta = progress.eta().map(ProgressBar::duration).map(text -> ", ETA " + text).orElse("");
        bar.update("generate " + progress.dataset(), Optional.of(progress.fraction()),
                "%,d/%,d rows%s, %s%s".formatted(progress.rows() + progress.skippedRows(), progress.estimatedRows(),
                        progress.skippedRows() == 0 ? "" : " (%,d already in Kafka)".formatted(progress.skippedRows()), ProgressBar.rate(progress.rowsPerSecond()), eta));
    }

    private static void putIfSet(Map<String, String> env, String name, Object value) {
        if (value != null) {
            env.put(name, value.toString());
        }
    }
}
