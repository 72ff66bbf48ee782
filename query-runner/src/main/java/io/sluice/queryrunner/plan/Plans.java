package io.sluice.queryrunner.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plans a query runner knows: the built-in {@code default} plan, and every {@code *.yaml}, {@code *.yml}
 * and {@code *.json} file of a plans directory (a file named {@code default.yaml} replaces the built-in one).
 */
public final class Plans
{
    public static final String DEFAULT = "default";
    private static final String DEFAULT_RESOURCE = "io/sluice/queryrunner/plans/default.yaml";

    private Plans() {}

    public static BenchmarkPlan defaultPlan()
    {
        try (InputStream in = Plans.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is missing from the class path");
            }
            return new PlanParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE, DEFAULT);
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
        plans.put(DEFAULT, defaultPlan());
        if (directory.isEmpty()) {
            return plans;
        }
        if (!Files.isDirectory(directory.get())) {
            throw new InvalidPlanException("plans directory %s does not exist or is not a directory".formatted(directory.get()));
        }
        PlanParser parser = new PlanParser();
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory.get())) {
            files = listing.filter(file -> file.getFileName().toString().matches(".*\\.(ya?ml|json)")).sorted().toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list plans directory " + directory.get(), e);
        }
        for (Path file : files) {
            BenchmarkPlan plan = parser.parse(file);
            BenchmarkPlan previous = plans.put(plan.name(), plan);
            if (previous != null && !plan.name().equals(DEFAULT)) {
                throw new InvalidPlanException("plan %s: field 'name' '%s' is used by another plan file too".formatted(file, plan.name()));
            }
        }
        return plans;
    }
}
