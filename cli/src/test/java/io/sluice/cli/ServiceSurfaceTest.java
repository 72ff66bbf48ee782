package io.sluice.cli;

import io.sluice.ops.MetricsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.AbstractStringAssert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The command lines the chart runs (helm/sluice/README.md, "The service surface") parse, --metrics-port included. */
class ServiceSurfaceTest {
    @Test
    void everyChartCommandLineParses() {
        List<List<String>> commandLines = List.of(
                List.of("generate", "--benchmark", "tpch", "--scale-factor", "1", "--parts", "8", "--part-index", "3", "--parts-per-pod", "2", "--metrics-port", "9400"),
                List.of("generate", "--listen", "--metrics-port", "9400"),
                List.of("ingest", "parquet", "--metrics-port", "9400"),
                List.of("ingest", "clickhouse", "--metrics-port", "9400"),
                List.of("ingest", "tracker", "--metrics-port", "9400"),
                List.of("query-runner", "--plan", "/etc/sluice/plans/power.yaml", "--metrics-port", "9400"));
        for (List<String> args : commandLines) {
            assertThatCode(() -> SluiceCommand.commandLine().parseArgs(args.toArray(String[]::new))).as(String.join(" ", args)).doesNotThrowAnyException();
        }
    }

    @Test
    void metricsPortOptionOverridesTheEnvironmentAndIsOffWithoutEither() {
        Map<String, String> env = Map.of("SLUICE_METRICS_PORT", "9500");
        assertThat(metricsSettings(Map.of())).isEqualTo(MetricsSettings.off());
        assertThat(metricsSettings(env).port()).isEqualTo(9500);
        assertThat(metricsSettings(env, "--metrics-port", "9400").port()).isEqualTo(9400);
        assertThat(metricsSettings(env, "--metrics-port", "9400").bindAddress()).isEqualTo("127.0.0.1");
        assertThat(metricsSettings(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1"), "--metrics-port", "9400").bindAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void aBadMetricsPortIsAOneLineErrorNamingTheOption() {
        CliRun outcome = CliRun.execute("ingest", "parquet", "--metrics-port", "99999", "--sources", "tpch.sf1");
        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err().lines()).singleElement().asString().startsWith("error: ").contains("--metrics-port").contains("99999");
    }

    @Test
    void aBadIngestCommandLineIsAUsageErrorNamingTheOptionBeforeKafkaIsLookedFor() {
        // no stack and no broker here: the option is still what the error names
        assertUsageError(CliRun.execute("ingest", "landers"))
                .isEqualTo("error: unknown service 'landers'; choose parquet, clickhouse, tracker or registration (see 'sluice ingest --help')");
        assertUsageError(CliRun.execute("ingest", "parquet", "--sources", "tpch.sf3x"))
                .startsWith("error: --sources entry 'tpch.sf3x' is neither a benchmark (tpch), a dataset id (tpch.sf1) nor a table (tpch.sf1.lineitem): ");
        assertUsageError(CliRun.execute("ingest", "clickhouse", "--sources", " , "))
                .startsWith("error: --sources is empty; name dataset ids (tpch.sf1)");
        assertUsageError(CliRun.execute("ingest", "clickhouse"))
                .startsWith("error: name what to land with --sources (or SLUICE_LANDER_SOURCES): ");
        assertUsageError(CliRun.execute("ingest", "tracker", "--sources", "tpch"))
                .startsWith("error: --sources is for the landers (parquet, clickhouse); ingest tracker follows every dataset");
    }

    @Test
    void aPlanTheQueryRunnerCouldNotStartWithIsAUsageErrorBeforeKafkaIsLookedFor(@TempDir Path plans) throws IOException {
        String runDir = plans.resolve("run").toString();
        Path power = Files.writeString(plans.resolve("power.yaml"), "name: power\nbenchmark: tpch\nqueries: [q01]\n");
        assertUsageError(CliRun.execute("query-runner", "--run-dir", runDir, "--plan", plans.resolve("pwoer.yaml").toString()))
                .startsWith("error: --plan: plan %s: cannot be read: ".formatted(plans.resolve("pwoer.yaml")));
        assertUsageError(CliRun.execute("query-runner", "--run-dir", runDir, "--plan", plans.resolve("power.txt").toString()))
                .isEqualTo("error: --plan: %s: a plan file's name ends in .yaml, .yml or .json (the query runner reads those of its folder) (see 'sluice query-runner --help')"
                        .formatted(plans.resolve("power.txt")));
        // the service would read this sibling too, and stop on it
        Path broken = Files.writeString(plans.resolve("broken.yaml"), "name: broken\nbenchmark: tpch\nqueries: [q99]\n");
        assertUsageError(CliRun.execute("query-runner", "--run-dir", runDir, "--plan", power.toString()))
                .startsWith("error: --plan: plan %s: field 'queries' unknown query 'q99'".formatted(broken));
    }

    private static AbstractStringAssert<?> assertUsageError(CliRun outcome) {
        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        return assertThat(outcome.err().lines()).singleElement().asString();
    }

    @Test
    void logFormatIsTextOrJson() {
        assertThat(LogFormat.problem(null)).isEmpty();
        assertThat(LogFormat.problem("json")).isEmpty();
        assertThat(LogFormat.problem("text")).isEmpty();
        assertThat(LogFormat.problem("yaml")).hasValue("SLUICE_LOG_FORMAT must be text or json, got 'yaml'");
        // logback would pick no appender for these, and every line would go unwritten
        assertThat(LogFormat.problem("")).hasValue("SLUICE_LOG_FORMAT must be text or json, got ''");
        assertThat(LogFormat.problem(" ")).hasValue("SLUICE_LOG_FORMAT must be text or json, got ' '");
    }

    private static MetricsSettings metricsSettings(Map<String, String> env, String... args) {
        MetricsOption option = new MetricsOption();
        new CommandLine(option).parseArgs(args);
        return option.settings(env);
    }
}
