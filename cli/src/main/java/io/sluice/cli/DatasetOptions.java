package io.sluice.cli;

import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.Map;

/** Which dataset: a benchmark at a scale factor. Shared by the commands that generate or run one. */
final class DatasetOptions {
    @Option(names = "--benchmark", paramLabel = "NAME", description = "tpch or tpcds. Default: ${DEFAULT-VALUE}.")
    String benchmark = "tpch";

    @Option(names = {"--scale-factor", "--sf"}, paramLabel = "SF",
            description = "Scale factor: TPC-H 0.01-10000, TPC-DS 0.01, 1, 10, 100, 300, 1000, 3000, 10000. Default: ${DEFAULT-VALUE}.")
    String scaleFactor = "1";

    /**
     * The dataset the options name. A bad value is a usage error that names its option, so a command can check it
     * before it starts anything: the generator's own message would name the environment variable the option sets.
     */
    DatasetId dataset(CommandSpec spec) {
        Benchmark chosen = UsageErrors.check(spec, "--benchmark", () -> Benchmark.fromId(benchmark));
        ScaleFactor checked = UsageErrors.check(spec, "--scale-factor", () -> chosen.checkScaleFactor(ScaleFactor.parse(scaleFactor)));
        return new DatasetId(chosen, checked);
    }

    void putInto(Map<String, String> env) {
        env.put(GeneratorSettings.BENCHMARK_ENV, benchmark);
        env.put(GeneratorSettings.SCALE_FACTOR_ENV, scaleFactor);
    }
}
