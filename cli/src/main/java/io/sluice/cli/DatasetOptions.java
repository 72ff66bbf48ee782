package io.sluice.cli;

import io.sluice.generator.settings.GeneratorSettings;
import picocli.CommandLine.Option;

import java.util.Map;

/** Which dataset: a benchmark at a scale factor. Shared by the commands that generate or run one. */
final class DatasetOptions {
    @Option(names = "--benchmark", paramLabel = "NAME", description = "tpch or tpcds. Default: ${DEFAULT-VALUE}.")
    String benchmark = "tpch";

    @Option(names = {"--scale-factor", "--sf"}, paramLabel = "SF",
            description = "Scale factor: TPC-H 0.01-10000, TPC-DS 0.01, 1, 10, 100, 300, 1000, 3000, 10000. Default: ${DEFAULT-VALUE}.")
    String scaleFactor = "1";

    void putInto(Map<String, String> env) {
        env.put(GeneratorSettings.BENCHMARK_ENV, benchmark);
        env.put(GeneratorSettings.SCALE_FACTOR_ENV, scaleFactor);
    }
}
