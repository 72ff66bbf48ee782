package io.sluice.cli;

import io.sluice.stack.StackSettings;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

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

        CliRun outOfRange = CliRun.execute("up", "--run-dir", tempDir.toString(), "--kafka-port", "70000");
        assertThat(outOfRange.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(outOfRange.err().lines()).singleElement().asString()
                .isEqualTo("error: port 70000 for kafka is not valid; choose one in 1-65535 with --kafka-port (see 'sluice up --help')");
        assertThat(tempDir.resolve("stack.json")).as("no stack started").doesNotExist();
    }

    @Test
    void bootstrapServersThatAreNotHostAndPortAreAUsageErrorBeforeKafkaIsAsked() {
        for (String command : List.of("generate", "trigger", "watch", "query", "fault")) {
            List<String> args = command.equals("fault") ? List.of(command, "kafka:kill@ingest", "--bootstrap-servers", "nonsense") : List.of(command, "--bootstrap-servers", "nonsense");

            CliRun outcome = CliRun.execute(args.toArray(String[]::new));

            assertThat(outcome.exitCode()).as(command).isEqualTo(SluiceCommand.EXIT_USAGE);
            assertThat(outcome.err().lines()).as(command).singleElement().asString()
                    .startsWith("error: --bootstrap-servers: 'nonsense' is not host:port with a port in 1-65535 (in 'nonsense'), e.g. 127.0.0.1:9092");
        }
    }

    @Test
    void aRunThatTheDiskCannotHoldIsRefusedBeforeAServerStarts() {
        CliRun outcome = CliRun.execute("run", "--run-dir", tempDir.toString(), "--sf", "10000", "--no-benchmark");

        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .startsWith("error: --scale-factor 10000: tpch.sf10000 takes about ")
                .contains("on the run dir's disk (Kafka ")
                .contains("; choose a smaller scale factor or fewer --tables, or a --run-dir on a larger disk");
        assertThat(tempDir.resolve("stack.json")).as("no stack started").doesNotExist();

        CliRun bench = CliRun.execute("bench", "--run-dir", tempDir.toString(), "--sf", "10000");
        assertThat(bench.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(bench.err()).startsWith("error: --scale-factor 10000: tpch.sf10000 takes about ");
        assertThat(tempDir.resolve("bench")).as("no bench stack started").doesNotExist();
    }

    @Test
    void reportOfADirectoryThatHoldsNoRunIsAUsageErrorNamingTheArgument() throws IOException {
        Files.writeString(tempDir.resolve("results.json"), "{}");

        CliRun noRun = CliRun.execute("report", tempDir.resolve("nothing").toString());
        assertThat(noRun.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(noRun.err().lines()).singleElement().asString()
                .startsWith("error: RUN: %s is not a benchmark run directory: it has no results.json".formatted(tempDir.resolve("nothing")));

        CliRun noBaseline = CliRun.execute("report", tempDir.toString(), "--baseline", tempDir.resolve("nothing").toString());
        assertThat(noBaseline.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(noBaseline.err()).startsWith("error: --baseline: %s is not".formatted(tempDir.resolve("nothing")));
        assertThat(tempDir.resolve("report.html")).as("nothing rendered").doesNotExist();
    }

    @Test
    void aBadFaultIsAUsageErrorBeforeTheRunStartsAnything() {
        assertRunRefused("--fault", "kafka:explode@ingest")
                .contains("--fault: fault 'kafka:explode@ingest': unknown kind 'explode'; kinds: kill, pause, slow, loss, outage");
    }

    @Test
    void aFaultTheLocalStackCannotApplyIsAUsageErrorBeforeTheRunStartsAnything() {
        assertRunRefused("--fault", "generator:kill@ingest")
                .contains("--fault: fault 'generator:kill@ingest").contains("': generator is not a server of the local stack; targets here: clickhouse, kafka, s3, trino");
        assertRunRefused("--servers", "kafka,s3,clickhouse", "--no-benchmark", "--fault", "trino:kill@ingest")
                .contains("trino is not a server of the local stack; targets here: clickhouse, kafka, s3");
        assertRunRefused("--fault", "kafka:slow@ingest")
                .contains("': locally, slow and loss act on a proxy in front of clickhouse, s3 or trino; kafka's clients cannot be routed through one");
        assertRunRefused("--fault", "s3:slow@benchmark")
                .contains("': locally, Trino reads the S3 store directly (its catalog was written when the stack started), so the proxy would slow only Spark;");
        assertRunRefused("--no-benchmark", "--fault", "clickhouse:kill@benchmark")
                .contains("' is for the benchmark, which --no-benchmark leaves out");
    }

    @Test
    void aRunIdThatCannotNameAResultsFolderIsAUsageErrorBeforeKafkaIsAsked() {
        for (List<String> args : List.of(List.of("fault", "clickhouse:kill@benchmark", "--run-id", ".."), List.of("query", "--run-id", "../escape"))) {
            CliRun outcome = CliRun.execute(Stream.concat(args.stream(), Stream.of("--run-dir", tempDir.toString(), "--bootstrap-servers", "127.0.0.1:1")).toArray(String[]::new));
            assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(SluiceCommand.EXIT_USAGE);
            assertThat(outcome.err()).contains("--run-id '%s': a run id may hold only letters, digits, '.', '_' and '-', and may not be '.' or '..'".formatted(args.getLast()));
        }
    }

    @Test
    void aBadDatasetOrTimeoutIsAUsageErrorNamingItsOptionBeforeTheRunStartsAnything() {
        assertRunRefused("--parts", "0")
                .contains("error: --parts must be between 1 and 100000, got 0");
        assertRunRefused("--servers", "kafka,postgres")
                .contains("error: unknown server 'postgres'; choose from kafka-controller, kafka, s3, clickhouse, trino with --servers");
        assertRunRefused("--scale-factor", "abc")
                .contains("--scale-factor: scale factor 'abc' is not a decimal number");
        assertRunRefused("--benchmark", "tpcds", "--scale-factor", "2")
                .contains("--scale-factor: tpcds does not support scale factor 2; allowed: 0.01, 1, 10, 100, 300, 1000, 3000, 10000");
        assertRunRefused("--benchmark", "tpc-h")
                .contains("--benchmark: unknown benchmark 'tpc-h'; use one of: tpch, tpcds");
        assertRunRefused("--tables", "lineitem,line_item")
                .contains("--tables: tpch has no table 'line_item'; tables are: ");
        assertRunRefused("--tables", "nation,region")
                .contains("--tables: the built-in tpch plan reads every table; with --tables nation,region pass --no-benchmark, or --plan with queries that read only those");
        assertRunRefused("--timeout", "0")
                .contains("--timeout must be >= 1, got 0");
    }

    @Test
    void aBadMetricsPortStopsTheRunBeforeItStartsAnything() {
        CliRun outcome = CliRun.execute("run", "--run-dir", tempDir.toString(), "--metrics-port", "70000");
        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err()).contains("SLUICE_METRICS_PORT (--metrics-port) must be 0 (off) to 65535, got 70000");
        assertThat(tempDir.resolve("stack.json")).as("no stack started").doesNotExist();
    }

    @Test
    void aMetricsPortInUseStopsTheRunBeforeItStartsTheStack() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun outcome = CliRun.execute("run", "--run-dir", tempDir.toString(), "--no-benchmark", "--metrics-port", String.valueOf(taken.getLocalPort()));
            assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
            assertThat(outcome.err().lines()).singleElement().asString()
                    .startsWith("error: cannot serve metrics on 127.0.0.1:%d (--metrics-port / SLUICE_METRICS_PORT): ".formatted(taken.getLocalPort()));
            assertThat(tempDir.resolve("stack.json")).as("no stack started").doesNotExist();
        }
    }

    @Test
    void aPlanForAnotherBenchmarkIsAUsageErrorBeforeTheRunStartsAnything() throws Exception {
        Path plan = Files.writeString(tempDir.resolve("ds.yaml"), "benchmark: tpcds\nqueries: [q3]\n");
        assertRunRefused("--plan", plan.toString())
                .contains("--plan: plan 'ds' is for tpcds, the dataset is tpch.sf1; use --benchmark tpcds, or --no-benchmark to only land the data");
    }

    @Test
    void aBrokenPlanFileIsAUsageErrorSaidOnceBeforeTheRunStartsAnything() throws Exception {
        Path plan = Files.writeString(tempDir.resolve("broken.yaml"), "benchmark: tpch\nqueries: [q01, q02\n");
        assertRunRefused("--plan", plan.toString())
                .startsWith("error: --plan: plan %s: not valid YAML or JSON: while parsing a flow sequence".formatted(plan))
                .doesNotContain("Source:");
        Path unknownQuery = Files.writeString(tempDir.resolve("q99.yaml"), "benchmark: tpch\nqueries: [q99]\n");
        assertRunRefused("--plan", unknownQuery.toString())
                .startsWith("error: --plan: plan %s: field 'queries' unknown query 'q99'".formatted(unknownQuery));
    }

    @Test
    void theOtherDatasetCommandsNameTheOptionToo() {
        for (String command : List.of("plan", "bench", "generate", "trigger")) {
            CliRun outcome = CliRun.execute(command, "--run-dir", tempDir.toString(), "--sf", "-1");
            assertThat(outcome.exitCode()).as(command).isEqualTo(SluiceCommand.EXIT_USAGE);
            assertThat(outcome.err()).as(command).contains("--scale-factor: scale factor must be greater than 0, got -1").contains("sluice " + command + " --help");
        }
        CliRun parts = CliRun.execute("trigger", "--run-dir", tempDir.toString(), "--sf", "0.01", "--parts", "100001");
        assertThat(parts.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(parts.err()).contains("--parts must be between 1 and 100000, got 100001");
        CliRun scaleFactors = CliRun.execute("bench", "--run-dir", tempDir.toString(), "--benchmark", "tpcds", "--scale-factors", "0.01,3");
        assertThat(scaleFactors.exitCode()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(scaleFactors.err()).contains("--scale-factors: tpcds does not support scale factor 3");
        assertThat(tempDir.resolve("stack.json")).as("no stack started").doesNotExist();
    }

    /** {@code sluice run} in the test's run dir with {@code args}: one line of usage error, and nothing started. */
    private AbstractStringAssert<?> assertRunRefused(String... args) {
        CliRun outcome = CliRun.execute(Stream.concat(Stream.of("run", "--run-dir", tempDir.toString()), Stream.of(args)).toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(SluiceCommand.EXIT_USAGE);
        assertThat(tempDir.resolve("stack.json")).as("no stack started").doesNotExist();
        assertThat(outcome.err().lines()).as(outcome.err()).singleElement();
        return assertThat(outcome.err()).contains("sluice run --help");
    }

    @Test
    void aFailureIsDescribedOnceThroughWrappersThatRepeatTheirCause() {
        Exception timeout = new TimeoutException("Topic sluice.control not present in metadata after 60000 ms.");
        assertThat(SluiceCommand.describe(new IllegalStateException("cannot send: " + timeout.getMessage(), new ExecutionException(timeout))))
                .isEqualTo("cannot send: Topic sluice.control not present in metadata after 60000 ms.");
        assertThat(SluiceCommand.describe(new IllegalStateException("cannot send", new ExecutionException(new IOException("connection refused")))))
                .isEqualTo("cannot send: connection refused");
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
