package io.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.cli.bench.BenchReport;
import io.sluice.cli.bench.MemoryGrowth;
import io.sluice.cli.plan.Calibration;
import io.sluice.generator.settings.GeneratorSettings;
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
            description = "Bench several scale factors (e.g. 0.1,3) and compare each stage's peak memory between the smallest and the largest; overrides --scale-factor.")
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
        PrintWriter err = spec.commandLine().getErr();
        List<BenchRunner.Outcome> outcomes = new ArrayList<>();
        for (String scaleFactor : orderedScaleFactors()) {
            Map<String, String> env = new HashMap<>(System.getenv());
            dataset.putInto(env);
            env.put(GeneratorSettings.SCALE_FACTOR_ENV, scaleFactor);
            GeneratorSettings.fromEnvironment(env); // a bad benchmark or scale factor fails here, before any server starts
            BenchRunner runner = new BenchRunner(runDir.runDir(), env, Duration.ofSeconds(timeoutSeconds), line -> {
                err.println("bench " + dataset.benchmark + " sf " + scaleFactor + ": " + line);
                err.flush();
            });
            outcomes.add(runner.run(warmup, repetitions));
        }
        Path calibration = Calibration.file(runDir.runDir());
        outcomes.getLast().calibration().write(calibration);
        List<BenchReport> reports = outcomes.stream().map(BenchRunner.Outcome::report).toList();
        if (json) {
            out.println(JSON.writeValueAsString(toJson(reports)));
        }
        else {
            reports.forEach(report -> out.print(report.table()));
            if (reports.size() > 1) {
                out.print(MemoryGrowth.table(MemoryGrowth.between(reports)));
            }
            out.println("calibration for 'sluice plan' written to " + calibration);
        }
        out.flush();
        return 0;
    }

    /** One report as the object itself; several as {@code runs} plus their {@code memoryGrowth}. */
    static ObjectNode toJson(List<BenchReport> reports) {
        if (reports.size() == 1) {
            return reports.getFirst().toJson(JSON);
        }
        ObjectNode root = JSON.createObjectNode();
        reports.forEach(report -> root.withArray("runs").add(report.toJson(JSON)));
        root.set("memoryGrowth", MemoryGrowth.toJson(JSON, MemoryGrowth.between(reports)));
        return root;
    }

    private List<String> orderedScaleFactors() {
        if (scaleFactors.isEmpty()) {
            return List.of(dataset.scaleFactor);
        }
        if (scaleFactors.size() < 2) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale-factors needs two or more, e.g. 0.1,3 (use --scale-factor for one)");
        }
        try {
            return scaleFactors.stream().sorted(Comparator.comparing(ScaleFactor::parse)).toList();
        }
        catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--scale-factors: " + e.getMessage());
        }
    }
}
