package io.sluice.cli;

import io.sluice.stack.StackSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SluiceCommandTest {
    @TempDir
    Path tempDir;

    @Test
    void unknownSubcommandIsOneLineUsageError() {
        CliRun outcome = CliRun.execute("frobnicate");
        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .startsWith("error: ")
                .contains("frobnicate")
                .contains("sluice --help");
    }

    @Test
    void unknownOptionIsOneLineUsageErrorNamingTheSubcommand() {
        CliRun outcome = CliRun.execute("up", "--no-such-option");
        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .contains("--no-such-option")
                .contains("sluice up --help");
    }

    @Test
    void badPortValueIsAUsageError() {
        CliRun outcome = CliRun.execute("up", "--kafka-port", "ninety");
        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(outcome.err()).contains("--kafka-port").contains("ninety");
    }

    @Test
    void aBadFaultIsAUsageErrorBeforeTheRunStartsAnything() {
        CliRun outcome = CliRun.execute("run", "--run-dir", tempDir.toString(), "--fault", "kafka:explode@ingest");
        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(outcome.err()).contains("--fault: fault 'kafka:explode@ingest': unknown kind 'explode'; kinds: kill, pause, slow, loss, outage");
        assertThat(tempDir.resolve("stack.json")).as("no stack started").doesNotExist();
    }

    @Test
    void missingSubcommandIsAUsageError() {
        assertThat(CliRun.execute().exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
    }

    @Test
    void helpListsEverySubcommand() {
        CliRun outcome = CliRun.execute("--help");
        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("run", "up", "down", "status", "generate", "ingest", "trigger", "fault", "query-runner", "bench", "plan", "report");
    }

    @Test
    void statusWithoutStackExitsThreeAndSaysHowToStartOne() {
        CliRun outcome = CliRun.execute("status", "--json", "--run-dir", tempDir.toString());
        assertThat(outcome.exitCode()).isEqualTo(StatusCommand.EXIT_NOT_RUNNING);
        assertThat(outcome.out()).contains("\"running\":false");
        assertThat(outcome.err()).contains("./sluice up");
    }

    @Test
    void stackOptionsDefaults() {
        StackSettings settings = parse("--run-dir", tempDir.toString());
        assertThat(settings.runDir()).isEqualTo(tempDir.toAbsolutePath());
        assertThat(settings.servers()).containsExactly("kafka-controller", "kafka", "s3", "clickhouse", "trino");
        assertThat(settings.fixedPorts()).isEmpty();
        assertThat(settings.bucket()).isEqualTo("sluice");
        assertThat(settings.startTimeout()).isEqualTo(StackSettings.DEFAULT_START_TIMEOUT);
    }

    @Test
    void stackOptionsMapping() {
        StackSettings settings = parse("--run-dir", tempDir.toString(), "--servers", "kafka,s3",
                "--kafka-port", "19092", "--s3-port", "19000", "--clickhouse-port", "18123", "--trino-port", "18080",
                "--bucket", "other", "--start-timeout", "30");
        assertThat(settings.servers()).containsExactly("kafka", "s3");
        assertThat(settings.fixedPorts()).isEqualTo(Map.of("kafka", 19092, "s3", 19000, "clickhouse", 18123, "trino", 18080));
        assertThat(settings.bucket()).isEqualTo("other");
        assertThat(settings.startTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    private static StackSettings parse(String... args) {
        UpCommand.StackOptions options = new UpCommand.StackOptions();
        new CommandLine(options).parseArgs(args);
        return options.settings();
    }
}
