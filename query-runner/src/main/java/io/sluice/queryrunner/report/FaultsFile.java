package io.sluice.queryrunner.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * Reads the {@code faults.csv} a fault run writes into the run directory. The file, not the faults module, is
 * the contract: columns are found by their header names (others are ignored), times are epoch ms, recovery
 * times ms after the injection, and an empty cell is something that did not happen.
 */
public final class FaultsFile
{
    public static final String FILE_NAME = "faults.csv";
    static final List<String> REQUIRED_COLUMNS = List.of("target", "kind", "phase", "injected_ms", "cleared_ms", "recovery_ms", "queries_failed");

    private FaultsFile() {}

    /**
     * The faults of the run in {@code runDirectory}; empty when it has no {@code faults.csv} (no fault run).
     *
     * @throws IllegalArgumentException naming the file, line and column when the file cannot be read as faults
     */
    public static List<RecordedFault> read(Path runDirectory)
    {
        requireNonNull(runDirectory, "runDirectory is null");
        Path file = runDirectory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return parse(Files.readString(file), file.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    static List<RecordedFault> parse(String text, String source)
    {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("%s is empty; a faults.csv starts with its header (%s)".formatted(source, String.join(",", REQUIRED_COLUMNS)));
        }
        List<String> header = fields(lines.getFirst(), source, 1);
        List<String> missing = REQUIRED_COLUMNS.stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("%s has no column %s; its header is '%s'".formatted(source, String.join(", ", missing), lines.getFirst()));
        }
        List<RecordedFault> faults = new ArrayList<>();
        for (int index = 1; index < lines.size(); index++) {
            faults.add(new Row(source, index + 1, header, fields(lines.get(index), source, index + 1)).fault());
        }
        return List.copyOf(faults);
    }

    /**
     * One CSV line's fields, RFC 4180 quoting ({@code "a ""b"", c"}).
     */
    static List<String> fields(String line, String source, int lineNumber)
    {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                }
                else if (c == '"') {
                    quoted = false;
                }
                else {
                    field.append(c);
                }
            }
            else if (c == '"') {
                quoted = true;
            }
            else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            }
            else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("%s line %d: a quoted field is not closed".formatted(source, lineNumber));
        }
        fields.add(field.toString());
        return fields;
    }

    private record Row(String source, int line, Map<String, String> cells)
    {
        Row(String source, int line, List<String> header, List<String> fields)
        {
            this(source, line, cells(source, line, header, fields));
        }

        private static Map<String, String> cells(String source, int line, List<String> header, List<String> fields)
        {
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException("%s line %d has %d fields, the header %d".formatted(source, line, fields.size(), header.size()));
            }
            Map<String, String> cells = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                cells.put(header.get(i), fields.get(i).strip());
            }
            return cells;
        }

        RecordedFault fault()
        {
            return new RecordedFault(text("target"), text("kind"), text("phase"), millis("injected_ms"), millis("cleared_ms"), millis("recovery_ms"),
                    millis("latency_recovery_ms"), (int) millis("queries_failed").orElse(0), Optional.ofNullable(cells.get("error")).filter(error -> !error.isEmpty()));
        }

        private String text(String column)
        {
            String value = cells.get(column);
            if (value.isEmpty()) {
                throw invalid(column, "is empty; every fault names its %s".formatted(column));
            }
            return value;
        }

        private OptionalLong millis(String column)
        {
            String value = cells.getOrDefault(column, "");
            if (value.isEmpty()) {
                return OptionalLong.empty();
            }
            try {
                long millis = Long.parseLong(value);
                if (millis < 0) {
                    throw invalid(column, "is %s; it must not be negative".formatted(value));
                }
                return OptionalLong.of(millis);
            }
            catch (NumberFormatException e) {
                throw invalid(column, "is '%s', not a whole number of milliseconds".formatted(value));
            }
        }

        private IllegalArgumentException invalid(String column, String reason)
        {
            return new IllegalArgumentException("%s line %d: column %s %s".formatted(source, line, column, reason));
        }
    }
}
