package io.sluice.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.Rule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** ServiceMonitor, PodMonitor, PrometheusRule (monitoring.coreos.com/v1, typed) and the Grafana dashboard. */
class MonitoringTest
{
    private static final SluiceChart CHART = SluiceChart.load();
    private static final Pattern SLUICE_METRIC = Pattern.compile("\\bsluice_[a-z0-9_]+");
    /** A row of the metrics table in the chart README: | `sluice_...` | type | labels | ... */
    private static final Pattern README_METRIC = Pattern.compile("(?m)^\\| `(sluice_[a-z0-9_]+)` \\|");
    private static final Pattern README_ROW = Pattern.compile("(?m)^\\| `(sluice_[a-z0-9_]+)` \\| ([a-z]+) \\| ([^|]*) \\|");
    private static final Pattern LABEL_IN_BACKTICKS = Pattern.compile("`([a-z_]+)`");
    private static final Pattern AGGREGATION_LABELS = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    /**
     * The services' metric catalogue (module ops, test resources): every sluice_* series they export with its labels;
     * the services' tests check they export exactly these. Read by path so the chart tests need no build of ops.
     */
    private static final Path CATALOGUE = Path.of("..", "ops", "src", "test", "resources", "io", "sluice", "ops", "sluice-metrics.csv");
    /** Labels Prometheus adds on scraping, plus a histogram's bucket bound. */
    private static final Set<String> SCRAPE_LABELS = Set.of("namespace", "service", "pod", "instance", "job", "container", "endpoint", "le");

    @Test
    void offByDefault()
    {
        RenderedChart chart = CHART.render("default");

        assertThat(chart.all(ServiceMonitor.class)).isEmpty();
        assertThat(chart.all(PodMonitor.class)).isEmpty();
        assertThat(chart.all(PrometheusRule.class)).isEmpty();
        assertThat(chart.find(ConfigMap.class, "bench-sluice-dashboard")).isEmpty();
    }

    @Test
    void serviceMonitorScrapesEveryServiceOnItsMetricsPort()
    {
        RenderedChart chart = CHART.render("monitoring");
        ServiceMonitor monitor = chart.single(ServiceMonitor.class);

        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");
        assertThat(monitor.getSpec().getEndpoints()).singleElement().satisfies(endpoint -> {
            assertThat(endpoint.getPort()).isEqualTo("metrics");
            assertThat(endpoint.getPath()).isEqualTo("/metrics");
        });
        List<Service> scraped = chart.all(Service.class).stream()
                .filter(service -> service.getMetadata().getLabels().entrySet()
                        .containsAll(monitor.getSpec().getSelector().getMatchLabels().entrySet()))
                .toList();
        assertThat(scraped).extracting(service -> service.getMetadata().getName())
                .containsExactlyInAnyOrder("bench-sluice-parquet-lander", "bench-sluice-clickhouse-lander", "bench-sluice-tracker", "bench-sluice-registration",
                        "bench-sluice-query-runner");
        scraped.forEach(service -> assertThat(service.getSpec().getPorts()).anySatisfy(port -> assertThat(port.getName()).isEqualTo("metrics")));
    }

    @Test
    void podMonitorScrapesTheGeneratorPods()
    {
        RenderedChart chart = CHART.render("monitoring");
        PodMonitor monitor = chart.single(PodMonitor.class);

        assertThat(monitor.getSpec().getPodMetricsEndpoints()).singleElement()
                .satisfies(endpoint -> assertThat(endpoint.getPort()).isEqualTo("metrics"));
        assertThat(chart.podTemplates().stream().filter(pod -> pod.matches(monitor.getSpec().getSelector().getMatchLabels())))
                .extracting(PodTemplate::workload)
                .singleElement().asString().startsWith("Job/");
    }

    @Test
    void alertsUseOnlyDocumentedMetrics()
            throws IOException
    {
        PrometheusRule rules = CHART.render("monitoring").single(PrometheusRule.class);

        List<Rule> alerts = rules.getSpec().getGroups().stream().flatMap(group -> group.getRules().stream()).toList();
        assertThat(alerts).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getAlert()).matches("Sluice[A-Za-z]+");
            assertThat(rule.getExpr().getStrVal()).isNotBlank();
            assertThat(rule.getLabels()).containsKey("severity");
        });
        Set<String> used = alerts.stream().flatMap(rule -> metrics(rule.getExpr().getStrVal()).stream()).collect(Collectors.toSet());
        assertThat(documentedMetrics()).containsAll(used);
    }

    @Test
    void lagAlertUsesTheConfiguredThresholdAsAPlainNumber()
    {
        PrometheusRule rules = CHART.render("monitoring", Map.of("monitoring.prometheusRule.consumerLagThreshold", 2500000)).single(PrometheusRule.class);

        Rule lag = rules.getSpec().getGroups().getFirst().getRules().stream()
                .filter(rule -> rule.getAlert().equals("SluiceConsumerLagHigh"))
                .findFirst()
                .orElseThrow();
        assertThat(lag.getExpr().getStrVal()).endsWith(") > 2500000");
        assertThat(lag.getFor()).isEqualTo("15m");
    }

    @Test
    void dashboardChartsExactlyTheDocumentedMetrics()
            throws IOException
    {
        ConfigMap configMap = CHART.render("monitoring").find(ConfigMap.class, "bench-sluice-dashboard").orElseThrow();
        assertThat(configMap.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");

        JsonNode dashboard = new ObjectMapper().readTree(configMap.getData().get("sluice.json"));
        assertThat(dashboard.path("uid").asText()).isEqualTo("sluice-pipeline");
        Set<String> charted = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets").size()).as("targets of panel %s", panel.path("title")).isPositive();
            panel.path("targets").forEach(target -> charted.addAll(metrics(target.path("expr").asText())));
        }
        assertThat(charted).isEqualTo(documentedMetrics());
    }

    /**
     * A binary operation between a label-less sum and {@code absent()} (which keeps its selector's equality labels)
     * matches nothing unless it ignores labels; no Prometheus runs here to evaluate the rules, so this is pinned.
     */
    @Test
    void anAbsentSeriesIsJoinedIgnoringLabels()
    {
        List<String> withAbsent = new ArrayList<>();
        CHART.render("monitoring").single(PrometheusRule.class).getSpec().getGroups()
                .forEach(group -> group.getRules().stream().map(rule -> rule.getExpr().getStrVal()).filter(expression -> expression.contains("absent(")).forEach(withAbsent::add));
        assertThat(withAbsent).isNotEmpty().allSatisfy(expression -> assertThat(expression).doesNotContainPattern("\\b(and|or|unless) \\(").contains("and on() (").contains("or on() absent("));
    }

    @Test
    void everyExpressionNamesCataloguedMetricsAndAggregatesOnlyByTheirLabels()
            throws IOException
    {
        RenderedChart chart = CHART.render("monitoring");
        List<String> expressions = new ArrayList<>();
        chart.single(PrometheusRule.class).getSpec().getGroups().forEach(group -> group.getRules().forEach(rule -> expressions.add(rule.getExpr().getStrVal())));
        JsonNode dashboard = new ObjectMapper().readTree(chart.find(ConfigMap.class, "bench-sluice-dashboard").orElseThrow().getData().get("sluice.json"));
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText())));
        dashboard.path("annotations").path("list").forEach(annotation -> expressions.add(annotation.path("expr").asText()));
        assertThat(expressions).as("the fault windows are drawn from a catalogued series").anyMatch(expression -> expression.contains("sluice_fault_active"));
        Map<String, Set<String>> catalogue = catalogue();

        assertThat(expressions).hasSizeGreaterThan(8).allSatisfy(expression -> {
            Set<String> used = metrics(expression);
            assertThat(catalogue.keySet()).as("metrics of %s", expression).containsAll(used);
            if (!used.isEmpty()) {
                Set<String> labels = new HashSet<>(SCRAPE_LABELS);
                used.forEach(name -> labels.addAll(catalogue.get(name)));
                assertThat(labels).as("labels aggregated by in %s", expression).containsAll(aggregationLabels(expression));
            }
        });
    }

    @Test
    void readmeTableAgreesWithTheCatalogue()
            throws IOException
    {
        Map<String, Set<String>> catalogue = catalogue();
        Matcher row = README_ROW.matcher(Files.readString(CHART.directory().resolve("README.md")));
        int rows = 0;
        while (row.find()) {
            rows++;
            Set<String> labels = new TreeSet<>();
            Matcher label = LABEL_IN_BACKTICKS.matcher(row.group(3).replaceAll("\\([^)]*\\)", ""));
            while (label.find()) {
                labels.add(label.group(1));
            }
            assertThat(catalogue).as("catalogue entry of %s", row.group(1)).containsEntry(row.group(1), labels);
        }
        assertThat(rows).isEqualTo(documentedMetrics().size());
    }

    private static Set<String> aggregationLabels(String promQl)
    {
        Set<String> labels = new TreeSet<>();
        Matcher matcher = AGGREGATION_LABELS.matcher(promQl);
        while (matcher.find()) {
            Arrays.stream(matcher.group(1).split(",")).map(String::strip).filter(label -> !label.isEmpty()).forEach(labels::add);
        }
        return labels;
    }

    /** Metric name to its labels, from the services' catalogue. */
    private static Map<String, Set<String>> catalogue()
            throws IOException
    {
        Map<String, Set<String>> entries = new TreeMap<>();
        for (String line : Files.readAllLines(CATALOGUE)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", 5);
            entries.put(fields[0], new TreeSet<>(Arrays.stream(fields[2].strip().split(" +")).filter(label -> !label.isEmpty()).toList()));
        }
        assertThat(entries).as(CATALOGUE.toString()).isNotEmpty();
        return entries;
    }

    /** Metric names in a PromQL expression, histogram series folded into their histogram's name. */
    private static Set<String> metrics(String promQl)
    {
        Set<String> names = new TreeSet<>();
        Matcher matcher = SLUICE_METRIC.matcher(promQl);
        while (matcher.find()) {
            names.add(matcher.group().replaceFirst("_(bucket|sum|count)$", ""));
        }
        return names;
    }

    private static Set<String> documentedMetrics()
            throws IOException
    {
        String readme = Files.readString(CHART.directory().resolve("README.md"));
        Set<String> names = new TreeSet<>();
        Matcher matcher = README_METRIC.matcher(readme);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        assertThat(names).as("metrics table in helm/sluice/README.md").isNotEmpty();
        return names;
    }
}
