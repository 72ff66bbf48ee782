package io.sluice.cli;

import io.sluice.ops.MetricsSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;

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
    void aBadServiceSettingIsReportedBeforeKafkaIsLookedFor() {
        // no stack and no broker here: the setting is still what the error names
        CliRun outcome = CliRun.execute("ingest", "parquet", "--sources", "tpch.sf3x");
        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err().lines()).singleElement().asString().startsWith("error: SLUICE_LANDER_SOURCES entry 'tpch.sf3x'");
        CliRun unknown = CliRun.execute("ingest", "landers");
        assertThat(unknown.err().lines()).singleElement().asString().isEqualTo("error: unknown service 'landers'; choose parquet, clickhouse, tracker or registration");
    }

    @Test
    void logFormatIsTextOrJson() {
        assertThat(LogFormat.problem(null)).isEmpty();
        assertThat(LogFormat.problem("json")).isEmpty();
        assertThat(LogFormat.problem("text")).isEmpty();
        assertThat(LogFormat.problem("yaml")).hasValue("SLUICE_LOG_FORMAT must be text or json, got 'yaml'");
    }

    private static MetricsSettings metricsSettings(Map<String, String> env, String... args) {
        MetricsOption option = new MetricsOption();
        new CommandLine(option).parseArgs(args);
        return option.settings(env);
    }
}
