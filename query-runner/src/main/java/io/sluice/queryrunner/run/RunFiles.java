package io.sluice.queryrunner.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.sluice.faults.FaultOutcome;
import io.sluice.faults.FaultsCsv;
import io.sluice.queryrunner.report.ReportRenderer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The files of a run directory: {@code results.json} (the {@link RunRecord}, read back by the report) and
 * {@code results.csv} (one line per execution, warm-ups marked in column {@code warmup}, {@code started_ms} in epoch
 * ms and empty when not known).
 */
public final class RunFiles
{
    public static final String JSON = "results.json";
    public static final String CSV = "results.csv";
    public static final String REPORT = "report.html";
    public static final String CSV_HEADER = "engine,query,run,warmup,status,started_ms,wall_ms,rows,validated,engine_query_id,error";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RunFiles() {}

    public static void write(Path directory, RunRecord record)
    {
        try {
            Files.createDirectories(directory);
            MAPPER.writeValue(directory.resolve(JSON).toFile(), record);
            Files.writeString(directory.resolve(CSV), csv(record));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot write the results of run %s to %s: %s".formatted(record.runId(), directory, e.getMessage()), e);
        }
    }

    /**
     * Adds the outcome of the run's faults ({@code faults.csv}) and renders the report again, with them.
     */
    public static void addFaults(Path directory, List<FaultOutcome> outcomes)
    {
        FaultsCsv.write(directory, outcomes);
        ReportRenderer.render(directory, Optional.empty());
    }

    /**
     * The record in {@code directory}/results.json.
     *
     * @throws IllegalArgumentException if the directory holds no run
     */
    public static RunRecord read(Path directory)
    {
        Path file = directory.resolve(JSON);
        try {
            return MAPPER.readValue(file.toFile(), RunRecord.class);
        }
        catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("%s is not a run directory: it has no %s".formatted(directory, JSON), e);
        }
        catch (JsonProcessingException e) {
            // Jackson's own message repeats the location with a note on source redaction; the line and column say it
            IllegalArgumentException unreadable = new IllegalArgumentException("cannot read %s: not a run record (line %d, column %d: %s)"
                    .formatted(file, e.getLocation().getLineNr(), e.getLocation().getColumnNr(), e.getOriginalMessage()));
            unreadable.addSuppressed(e);
            throw unreadable;
        }
        catch (IOException e) {
            throw new IllegalArgumentException("cannot read %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    static String csv(RunRecord record)
    {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Execution execution : record.executions()) {
            csv.append(String.join(",",
                    execution.engine().name().toLowerCase(Locale.ROOT),
                    execution.query(),
                    Integer.toString(execution.run()),
                    Boolean.toString(execution.warmup()),
                    execution.status().label(),
                    execution.startedAtMs().isPresent() ? Long.toString(execution.startedAtMs().getAsLong()) : "",
                    Long.toString(execution.wallMs()),
                    Long.toString(execution.rows()),
                    Boolean.toString(execution.validated()),
                    field(execution.engineQueryId().orElse("")),
                    field(execution.error().orElse("")))).append('\n');
        }
        return csv.toString();
    }

    /**
     * RFC 4180 quoting where needed.
     */
    static String field(String value)
    {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
