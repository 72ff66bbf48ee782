package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.cli.bench.MemoryGrowth;
import io.sluice.cli.bench.RunMemory;
import io.sluice.cli.plan.Calibration;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sluice bench}: every stage's rows/s per core against its measured ceiling, on fresh local stacks, and
 * the end-to-end time; writes the per-core rates to {@code <runDir>/bench/last.json} for {@code sluice plan}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure each pipeline stage's rows/s per core against its ceiling on fresh local stacks, and the end-to-end time.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Mixin
    private DatasetOptions dataset;

    @Option(names = "--scale-factors", split = ",", paramLabel = "SF",
            description = "Bench several scale factors (e.g. 0.1,3), each in a fresh JVM like this one, and compare each stage's peak live heap (and RSS) between the smallest and the largest; overrides --scale-factor.")
    private List<String> scaleFactors = List.of();

    @Option(names = "--repetitions", paramLabel = "N", description = "Measured repetitions; medians and ranges are over them. Default: ${DEFAULT-VALUE}.")
    private int repetitions = 3;

    @Option(names = "--warmup", paramLabel = "N", description = "Repetitions run first and not counted. Default: ${DEFAULT-VALUE}.")
    private int warmup = 1;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long one landing may take. Default: ${DEFAULT-VALUE}.")
    private long timeoutSeconds = 3600;

    @Option(names = "--json", description = "Print one JSON object instead of the table.")
    private boolean json;

    @Override
    public Integer call() throws Exception {
        if (repetitions < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--repetitions must be >= 1");
        }
        if (warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must be >= 0");
        }
        if (timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timeout must be >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (scaleFactors.isEmpty()) {
            benchHere(out);
        }
        else {
            benchEachInItsOwnJvm(out);
        }
        out.flush();
        return 0;
    }

    /** The stages for {@code --scale-factor} in this JVM; the calibration for {@code sluice plan} is written. */
    private void benchHere(PrintWriter out)
            throws Exception
    {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = new HashMap<>(System.getenv());
        dataset.putInto(env);
        DatasetId id = dataset.dataset(spec);
        GeneratorSettings.fromEnvironment(env); // a bad SLUICE_GENERATOR_* setting fails here, before any server starts
        Path calibration = Calibration.file(runDir.runDir());
        // each repetition starts a stack on empty server folders there, whose first holds the dataset once in Kafka and
        // twice in each sink (the lander's copy and its ceiling's)
        DiskSpace.of(BenchRunner.stackDir(runDir.runDir()), id, List.of(), DiskSpace.rates(runDir.runDir()), 2).shortfall().ifPresent(reason -> {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale-factor %s: %s; choose a smaller scale factor, or a --run-dir on a larger disk".formatted(dataset.scaleFactor, reason));
        });
        BenchRunner.Outcome outcome;
        try (RunLock lock = RunLock.acquire(runDir.runDir(), "bench", id.toString());
                BenchRunner runner = new BenchRunner(runDir.runDir(), env, Duration.ofSeconds(timeoutSeconds), line -> {
            err.println("bench " + dataset.benchmark + " sf " + dataset.scaleFactor + ": " + line);
            err.flush();
        })) {
            outcome = runner.run(warmup, repetitions);
            outcome.calibration().write(calibration);
        }
        if (json) {
            out.println(JSON.writeValueAsString(outcome.report().toJson(JSON)));
        }
        else {
            out.print(outcome.report().table());
            out.println("calibration for 'sluice plan' written to " + calibration);
        }
    }

    /**
     * Each of {@code --scale-factors} benched by a child {@code sluice bench --json} of its own, smallest first,
     * then their memory compared. The calibration is the last (largest) child's.
     */
    private void benchEachInItsOwnJvm(PrintWriter out)
            throws Exception
    {
        List<String> ordered = orderedScaleFactors();
        for (String scaleFactor : ordered) {
            Map<String, String> env = new HashMap<>(System.getenv());
            dataset.putInto(env);
            env.put(GeneratorSettings.SCALE_FACTOR_ENV, scaleFactor);
            GeneratorSettings.fromEnvironment(env); // fail on a bad one before the first child starts its servers
        }
        BenchProcess child = BenchProcess.likeThisJvm();
        List<JsonNode> runs = new ArrayList<>();
        for (String scaleFactor : ordered) {
            runs.add(child.run(childArguments(scaleFactor)));
        }
        List<MemoryGrowth> growth = MemoryGrowth.between(runs.stream().map(RunMemory::fromJson).toList());
        if (json) {
            ObjectNode root = JSON.createObjectNode();
            runs.forEach(run -> root.withArray("runs").add(run));
            root.set("memoryGrowth", MemoryGrowth.toJson(JSON, growth));
            out.println(JSON.writeValueAsString(root));
        }
        else {
            out.print(MemoryGrowth.table(growth));
            out.println("each run's stages: --json; calibration for 'sluice plan' (the largest run's) written to " + Calibration.file(runDir.runDir()));
        }
    }

    private List<String> childArguments(String scaleFactor)
    {
        return List.of("--run-dir", runDir.runDir().toString(), "--benchmark", dataset.benchmark, "--scale-factor", scaleFactor,
                "--repetitions", Integer.toString(repetitions), "--warmup", Integer.toString(warmup), "--timeout", Long.toString(timeoutSeconds));
    }

    private List<String> orderedScaleFactors() {
        if (scaleFactors.size() < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale-factors needs two or more, e.g. 0.1,3 (use --scale-factor for one)");
        }
        Benchmark benchmark = dataset.dataset(spec).benchmark();
        return UsageErrors.check(spec, "--scale-factors", () -> {
            scaleFactors.forEach(text -> benchmark.checkScaleFactor(ScaleFactor.parse(text)));
            return scaleFactors.stream().sorted(Comparator.comparing(ScaleFactor::parse)).toList();
        });
    }
}
