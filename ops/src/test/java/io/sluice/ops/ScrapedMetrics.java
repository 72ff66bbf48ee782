package io.sluice.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The samples of one scrape in Prometheus text format, for tests: {@code name{label="value",…} value}.
 */
public record ScrapedMetrics(List<Sample> samples)
{
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    public record Sample(String name, Map<String, String> labels, double value) {}

    public static ScrapedMetrics parse(String text)
    {
        requireNonNull(text, "text is null");
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line.strip());
            if (!sample.matches()) {
                throw new IllegalArgumentException("not a Prometheus sample line: " + line);
            }
            Map<String, String> labels = new HashMap<>();
            Matcher label = LABEL.matcher(Optional.ofNullable(sample.group(2)).orElse(""));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            samples.add(new Sample(sample.group(1), Map.copyOf(labels), number(sample.group(3))));
        }
        return new ScrapedMetrics(List.copyOf(samples));
    }

    private static double number(String text)
    {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** Samples of a series, a histogram's {@code _count} series standing for the histogram. */
    public List<Sample> series(String name)
    {
        return samples.stream().filter(sample -> sample.name().equals(name) || sample.name().equals(name + "_count")).toList();
    }

    /** Sum of a series' samples whose labels include {@code labels}. */
    public double sum(String name, Map<String, String> labels)
    {
        return series(name).stream()
                .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                .mapToDouble(Sample::value)
                .sum();
    }

    /**
     * What does not match the catalogue entry: empty when the series is exported with exactly its labels
     * (a histogram as {@code _bucket}/{@code _count}/{@code _sum}).
     */
    public Optional<String> mismatch(MetricCatalog.Entry entry)
    {
        List<Sample> found = series(entry.name());
        if (found.isEmpty()) {
            return Optional.of(entry.name() + " is not exported");
        }
        if (entry.type().equals("histogram") && samples.stream().noneMatch(sample -> sample.name().equals(entry.name() + "_bucket"))) {
            return Optional.of(entry.name() + " has no _bucket series (publish it as a histogram)");
        }
        for (Sample sample : found) {
            if (!new TreeSet<>(sample.labels().keySet()).equals(entry.labels())) {
                return Optional.of("%s has labels %s, the catalogue says %s".formatted(entry.name(), new TreeSet<>(sample.labels().keySet()), entry.labels()));
            }
        }
        return Optional.empty();
    }
}
