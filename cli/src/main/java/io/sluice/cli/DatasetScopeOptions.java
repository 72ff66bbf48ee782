package io.sluice.cli;

import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How much of a dataset and in how many parts; shared by the commands that generate or request one. */
final class DatasetScopeOptions {
    @Option(names = "--parts", paramLabel = "N", description = "Parts the dataset is split into. Default: ceil(scale factor).")
    private Integer parts;

    @Option(names = "--tables", split = ",", paramLabel = "TABLE", description = "Tables to generate, comma-separated. Default: all of the benchmark.")
    private List<String> tables;

    Optional<Integer> parts() {
        return Optional.ofNullable(parts);
    }

    /** The tables asked for; empty means all of the benchmark's. */
    List<String> tables() {
        return tables == null ? List.of() : List.copyOf(tables);
    }

    /** A number of parts out of range, or a table {@code benchmark} does not have, is a usage error that names its option. */
    void check(CommandSpec spec, Benchmark benchmark) {
        if (parts != null) {
            UsageErrors.range(spec, "--parts", parts, 1, GeneratorSettings.MAX_PARTS);
        }
        if (tables != null) {
            UsageErrors.check(spec, "--tables", () -> tables.stream().map(benchmark::checkTable).toList());
        }
    }

    void putInto(Map<String, String> env) {
        parts().ifPresent(value -> env.put(GeneratorSettings.PARTS_ENV, value.toString()));
        if (tables != null) {
            env.put(GeneratorSettings.TABLES_ENV, String.join(",", tables));
        }
    }
}
