package io.sluice.queryrunner.plan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sluice.faults.Fault;
import io.sluice.queryrunner.query.QueryCatalog;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.schema.result.Engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Reads a plan from YAML or JSON (JSON is YAML, so one parser reads both). Every field but {@code benchmark}
 * has a default; an unknown field, a wrong type or a value out of range is an {@link InvalidPlanException}
 * naming the source, the field and the reason.
 */
public final class PlanParser
{
    private static final Set<String> FIELDS = Set.of("name", "benchmark", "engines", "queries", "warmups", "runs", "concurrency", "timeout", "datasets", "faults");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final YAMLMapper mapper = new YAMLMapper();

    /**
     * The plan in {@code file}; its name defaults to the file name without extension.
     */
    public BenchmarkPlan parse(Path file)
    {
        requireNonNull(file, "file is null");
        String text;
        try {
            text = Files.readString(file);
        }
        catch (IOException e) {
            throw new InvalidPlanException("plan %s: cannot be read: %s".formatted(file, e.getMessage()), e);
        }
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return parse(text, file.toString(), dot > 0 ? fileName.substring(0, dot) : fileName);
    }

    /**
     * @param source what to call the text in errors (a file name)
     * @param defaultName the plan's name when the text has none
     */
    public BenchmarkPlan parse(String text, String source, String defaultName)
    {
        requireNonNull(text, "text is null");
        Fields fields = new Fields(source, root(text, source));
        for (String field : fields.names()) {
            if (!FIELDS.contains(field)) {
                throw fields.invalid(field, "unknown field; known fields are " + FIELDS.stream().sorted().toList());
            }
        }
        String name = fields.text("name").orElse(defaultName);
        Benchmark benchmark = fields.text("benchmark")
                .map(id -> fields.convert("benchmark", id, Benchmark::fromId))
                .orElseThrow(() -> fields.invalid("benchmark", "is required (tpch or tpcds)"));
        List<String> known = QueryCatalog.queryNames(benchmark);
        List<Engine> engines = fields.list("engines")
                .map(values -> values.stream().map(value -> fields.convert("engines", value, PlanParser::engine)).distinct().toList())
                .orElse(BenchmarkPlan.DEFAULT_ENGINES);
        List<String> queries = fields.list("queries").map(values -> queries(fields, values, known)).orElse(known);
        int warmups = fields.integer("warmups", BenchmarkPlan.DEFAULT_WARMUPS, 0);
        int runs = fields.integer("runs", BenchmarkPlan.DEFAULT_RUNS, 1);
        int concurrency = fields.integer("concurrency", BenchmarkPlan.DEFAULT_CONCURRENCY, 1);
        Duration timeout = fields.text("timeout").map(value -> fields.convert("timeout", value, PlanParser::duration)).orElse(BenchmarkPlan.DEFAULT_TIMEOUT);
        Set<DatasetId> datasets = new LinkedHashSet<>();
        fields.list("datasets").orElse(List.of()).forEach(value -> {
            DatasetId dataset = fields.convert("datasets", value, DatasetId::parse);
            if (dataset.benchmark() != benchmark) {
                throw fields.invalid("datasets", "%s is not a %s dataset".formatted(dataset, benchmark.id()));
            }
            datasets.add(dataset);
        });
        List<Fault> faults = fields.list("faults").orElse(List.of()).stream()
                .map(value -> fields.convert("faults", value, Fault::parse))
                .toList();
        faults.stream().filter(fault -> fault.phase() != FaultPhase.QUERY).findFirst().ifPresent(fault -> {
            throw fields.invalid("faults", "%s: a plan's faults are of the benchmark phase (TARGET:KIND@benchmark[/START][+DURATION])".formatted(fault));
        });
        if (engines.isEmpty()) {
            throw fields.invalid("engines", "names no engine");
        }
        return new BenchmarkPlan(name, benchmark, engines, queries, warmups, runs, concurrency, timeout, datasets, faults);
    }

    private JsonNode root(String text, String source)
    {
        JsonNode root;
        try {
            root = mapper.readTree(text);
        }
        catch (JacksonException e) {
            // suppressed, not the cause: the parser's message with its location would follow this line again
            InvalidPlanException invalid = new InvalidPlanException("plan %s: not valid YAML or JSON: %s".formatted(source, e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " ")));
            invalid.addSuppressed(e);
            throw invalid;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(root instanceof ObjectNode)) {
            throw new InvalidPlanException("plan %s: must be a mapping of fields (benchmark, engines, queries, …)".formatted(source));
        }
        return root;
    }

    private static List<String> queries(Fields fields, List<String> values, List<String> known)
    {
        if (values.equals(List.of("all"))) {
            return known;
        }
        Set<String> queries = new LinkedHashSet<>();
        for (String value : values) {
            String name = QueryCatalog.normalize(value);
            if (!known.contains(name)) {
                throw fields.invalid("queries", "unknown query '%s'; the benchmark has %s … %s (or write all)".formatted(value, known.getFirst(), known.getLast()));
            }
            queries.add(name);
        }
        return List.copyOf(queries);
    }

    /**
     * {@code trino}, {@code clickhouse}, {@code spark}, {@code trino_fte} (or {@code trino-fte}), in any case.
     */
    private static Engine engine(String value)
    {
        try {
            return Engine.valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown engine '%s'; choose from %s".formatted(value, Arrays.stream(Engine.values()).map(engine -> engine.name().toLowerCase(Locale.ROOT)).toList()));
        }
    }

    /**
     * {@code 90s}, {@code 5m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT5M}).
     */
    static Duration duration(String value)
    {
        Matcher matcher = DURATION.matcher(value.trim());
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        else {
            try {
                duration = Duration.parse(value.trim());
            }
            catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'%s' is not a duration; write e.g. 90s, 5m, 500ms or PT5M".formatted(value));
            }
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("must be positive, got " + value);
        }
        return duration;
    }

    private record Fields(String source, JsonNode root)
    {
        List<String> names()
        {
            List<String> names = new ArrayList<>();
            root.fieldNames().forEachRemaining(names::add);
            return names;
        }

        InvalidPlanException invalid(String field, String reason)
        {
            return new InvalidPlanException("plan %s: field '%s' %s".formatted(source, field, reason));
        }

        Optional<JsonNode> node(String field)
        {
            JsonNode node = root.get(field);
            return node == null || node.isNull() ? Optional.empty() : Optional.of(node);
        }

        Optional<String> text(String field)
        {
            return node(field).map(node -> {
                if (!node.isValueNode()) {
                    throw invalid(field, "must be a single value, got " + node.getNodeType().name().toLowerCase(Locale.ROOT));
                }
                String text = node.asText();
                if (text.isBlank()) {
                    throw invalid(field, "is blank");
                }
                return text;
            });
        }

        Optional<List<String>> list(String field)
        {
            return node(field).map(node -> {
                if (node.isValueNode()) {
                    return List.of(node.asText());
                }
                if (!node.isArray()) {
                    throw invalid(field, "must be a list");
                }
                List<String> values = new ArrayList<>();
                node.forEach(element -> {
                    if (!element.isValueNode() || element.asText().isBlank()) {
                        throw invalid(field, "must list plain non-blank values, got " + element);
                    }
                    values.add(element.asText());
                });
                return values;
            });
        }

        int integer(String field, int defaultValue, int minimum)
        {
            return node(field).map(node -> {
                if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                    throw invalid(field, "must be a whole number, got " + node);
                }
                int value = node.intValue();
                if (value < minimum) {
                    throw invalid(field, "must be >= %d, got %d".formatted(minimum, value));
                }
                return value;
            }).orElse(defaultValue);
        }

        <T> T convert(String field, String value, Function<String, T> converter)
        {
            try {
                return converter.apply(value);
            }
            catch (IllegalArgumentException e) {
                throw invalid(field, e.getMessage());
            }
        }
    }
}
