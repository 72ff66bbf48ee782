package io.sluice.cli;

import io.sluice.queryrunner.run.BenchmarkRunner;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.time.Duration;
import java.util.function.Supplier;

/** Usage errors that name the option a value came from. */
final class UsageErrors {
    private UsageErrors() {}

    /** Turns a value's validation failure into a usage error that names the option. */
    static <T> T check(CommandSpec spec, String option, Supplier<T> value) {
        return usageError(spec, option + ": ", value);
    }

    /** As {@link #check(CommandSpec, String, Supplier)}, for a failure whose message names the options already. */
    static <T> T check(CommandSpec spec, Supplier<T> value) {
        return usageError(spec, "", value);
    }

    private static <T> T usageError(CommandSpec spec, String prefix, Supplier<T> value) {
        try {
            return value.get();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), prefix + e.getMessage(), e);
        }
    }

    /** A whole number that must lie in {@code [min, max]}. */
    static int range(CommandSpec spec, String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ParameterException(spec.commandLine(), "%s must be between %d and %d, got %d".formatted(option, min, max, value));
        }
        return value;
    }

    /** A run id, which names a results folder: only letters, digits, '.', '_' and '-', and not '.' or '..'. */
    static String runId(CommandSpec spec, String runId) {
        if (!BenchmarkRunner.isUsableRunId(runId)) {
            throw new ParameterException(spec.commandLine(), "--run-id '%s': %s".formatted(runId, BenchmarkRunner.RUN_ID_RULE));
        }
        return runId;
    }

    /** A wait given in whole seconds; at least one. */
    static Duration seconds(CommandSpec spec, String option, long seconds) {
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), "%s must be >= 1, got %d".formatted(option, seconds));
        }
        return Duration.ofSeconds(seconds);
    }
}
