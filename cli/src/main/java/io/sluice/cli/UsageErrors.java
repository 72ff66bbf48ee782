package io.sluice.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.function.Supplier;

/** Turns a value's validation failure into a usage error that names the option the value came from. */
final class UsageErrors {
    private UsageErrors() {}

    static <T> T check(CommandSpec spec, String option, Supplier<T> value) {
        try {
            return value.get();
        }
        catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage(), e);
        }
    }
}
