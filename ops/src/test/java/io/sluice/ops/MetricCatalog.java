package io.sluice.ops;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The {@code sluice_*} series the services export ({@code sluice-metrics.csv} next to this class): the one list
 * the chart's dashboard and alerts are checked against and each service's tests check it exports.
 */
public record MetricCatalog(List<Entry> entries)
{
    public static final String RESOURCE = "sluice-metrics.csv";

    /** @param labels label names, without those Prometheus adds on scraping */
    public record Entry(String name, String type, Set<String> labels, Set<String> exporters, String meaning) {}

    public static MetricCatalog load()
    {
        try (InputStream in = requireNonNull(MetricCatalog.class.getResourceAsStream(RESOURCE), RESOURCE)) {
            return new MetricCatalog(parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalogue's lines (comments start with {@code #}), for readers outside the class path such as the chart tests. */
    public static List<Entry> parse(List<String> lines)
    {
        return lines.stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> {
                    String[] fields = line.split(",", 5);
                    if (fields.length != 5) {
                        throw new IllegalArgumentException("%s: expected name,type,labels,exporters,meaning in '%s'".formatted(RESOURCE, line));
                    }
                    return new Entry(fields[0], fields[1], words(fields[2]), words(fields[3]), fields[4]);
                })
                .toList();
    }

    public List<Entry> exportedBy(String exporter)
    {
        return entries.stream().filter(entry -> entry.exporters().contains(exporter)).toList();
    }

    private static Set<String> words(String field)
    {
        return new TreeSet<>(Arrays.stream(field.strip().split(" +")).filter(word -> !word.isEmpty()).toList());
    }
}
