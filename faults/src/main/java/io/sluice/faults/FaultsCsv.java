package io.sluice.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * {@code faults.csv} of a run directory: one row per fault, times in epoch ms, recovery times in ms after the
 * injection, empty cells for what did not happen (a fault never injected, a pipeline that never recovered).
 */
public final class FaultsCsv
{
    public static final String FILE_NAME = "faults.csv";
    public static final List<String> COLUMNS = List.of(
            "target", "kind", "phase", "injected_ms", "cleared_ms", "recovery_ms", "queries_failed",
            "latency_recovery_ms", "start_ms", "duration_ms", "error");

    private FaultsCsv() {}

    /** Writes (replaces) {@code runDirectory/faults.csv}; returns its path. */
    public static Path write(Path runDirectory, List<FaultOutcome> outcomes)
    {
        requireNonNull(runDirectory, "runDirectory is null");
        requireNonNull(outcomes, "outcomes is null");
        Path file = runDirectory.resolve(FILE_NAME);
        String text = Stream.concat(Stream.of(String.join(",", COLUMNS)), outcomes.stream().map(FaultsCsv::row))
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            Files.createDirectories(runDirectory);
            Files.writeString(file, text);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private static String row(FaultOutcome outcome)
    {
        Fault fault = outcome.fault();
        Recovery recovery = outcome.recovery();
        return Stream.of(
                        fault.target().label(),
                        fault.kind().name().toLowerCase(Locale.ROOT),
                        FaultSyntax.phaseName(fault.phase()),
                        cell(outcome.injectedAtMs()),
                        cell(outcome.clearedAtMs()),
                        cell(recovery.recoveryMs()),
                        Integer.toString(recovery.failed()),
                        cell(recovery.latencyRecoveryMs()),
                        Long.toString(fault.start().toMillis()),
                        Long.toString(fault.duration().toMillis()),
                        quoted(outcome.error().orElse("")))
                .collect(Collectors.joining(","));
    }

    private static String cell(OptionalLong value)
    {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "";
    }

    private static String quoted(String text)
    {
        return text.isEmpty() ? "" : '"' + text.replace("\"", "\"\"").replace('\n', ' ') + '"';
    }
}
