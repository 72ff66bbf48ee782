package io.sluice.queryrunner.plan;

import io.sluice.schema.dataset.Benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The plans a query runner knows: the built-in default plan of each benchmark ({@code default} for TPC-H,
 * {@code default-tpcds}), and every {@code *.yaml}, {@code *.yml} and {@code *.json} file of a plans directory
 * (a plan named like a built-in one replaces it).
 */
public final class Plans
{
    public static final String DEFAULT = "default";
    public static final String DEFAULT_TPCDS = "default-tpcds";
    private static final String RESOURCE = "io/sluice/queryrunner/plans/%s.yaml";

    private Plans() {}

    /**
     * The name of a benchmark's built-in plan: what {@code sluice run} runs without {@code --plan}, and a
     * {@code RunBenchmark} without a plan.
     */
    public static String defaultName(Benchmark benchmark)
    {
        return switch (benchmark) {
            case TPCH -> DEFAULT;
            case TPCDS -> DEFAULT_TPCDS;
        };
    }

    public static BenchmarkPlan defaultPlan(Benchmark benchmark)
    {
        String name = defaultName(benchmark);
        String resource = RESOURCE.formatted(name);
        try (InputStream in = Plans.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new PlanParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource, name);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * All plans by name; an invalid file fails the whole load with its {@link InvalidPlanException}.
     */
    public static Map<String, BenchmarkPlan> load(Optional<Path> directory)
    {
        Map<String, BenchmarkPlan> plans = new LinkedHashMap<>();
        for (Benchmark benchmark : Benchmark.values()) {
            plans.put(defaultName(benchmark), defaultPlan(benchmark));
        }
        if (directory.isEmpty()) {
            return plans;
        }
        if (!Files.isDirectory(directory.get())) {
            throw new InvalidPlanException("plans directory %s does not exist or is not a directory".formatted(directory.get()));
        }
        PlanParser parser = new PlanParser();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory.get())) {
            files = listing.filter(Plans::isPlanFile).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list plans directory " + directory.get(), e);
        }
        // a file may replace a built-in plan, not another file's
        Set<String> fromFiles = new HashSet<>();
        for (Path file : files) {
            BenchmarkPlan plan = parser.parse(file);
            if (!fromFiles.add(plan.name())) {
                throw new InvalidPlanException("plan %s: field 'name' '%s' is used by another plan file too".formatted(file, plan.name()));
            }
            plans.put(plan.name(), plan);
        }
        return plans;
    }

    /**
     * Whether {@link #load} reads {@code file} from its directory: {@code *.yaml}, {@code *.yml} or {@code *.json}.
     */
    public static boolean isPlanFile(Path file)
    {
        return file.getFileName().toString().matches(".*\\.(ya?ml|json)");
    }
}
