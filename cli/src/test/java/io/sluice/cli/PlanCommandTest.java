package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.cli.plan.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PlanCommandTest {
    @TempDir
    Path runDir;

    @Test
    void plansSf10000FromTheDefaultsAndPrintsTheValuesFile() {
        CliRun run = CliRun.execute("plan", "--run-dir", runDir.toString(), "--scale-factor", "10000");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("plan for tpch.sf10000: 86,600,000,030 rows")
                .contains("rates: defaults")
                .contains("generator pods", "Kafka", "Parquet lander", "ClickHouse lander", "storage", "end to end")
                .contains("\nbenchmark: \"tpch\"\nscaleFactor: 10000\nparts: ");
    }

    @Test
    void usesTheLastBenchCalibration() throws Exception {
        new Calibration("bench tpch.sf1 test", 1_000_000, 1_000_000, 1_000_000, 1_000_000, 10, 5, 5).write(Calibration.file(runDir));

        CliRun run = CliRun.execute("plan", "--run-dir", runDir.toString(), "--scale-factor", "1", "--hours", "1", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/calibration/source").asText()).isEqualTo("bench tpch.sf1 test");
        // TPC-H SF 1 as the spec sizes it: lineitem 4 per order on average (6,000,000), orders 1,500,000,
        // partsupp 800,000, part 200,000, customer 150,000, supplier 10,000, nation 25, region 5
        assertThat(json.at("/plan/rows").asLong()).isEqualTo(8_660_030);
        // in an hour at a million rows per core-second: one of everything
        assertThat(json.at("/plan/generatorPods").asInt()).isEqualTo(1);
        assertThat(json.at("/plan/brokers").asInt()).isEqualTo(3);
        assertThat(json.at("/plan/parquetStorageBytes").asLong()).isEqualTo(43_300_150);
        assertThat(json.at("/endToEndSeconds").asDouble()).isEqualTo(8.66); // 8,660,030 / 1,000,000 s, to the ms
        assertThat(json.at("/helmValues").asText()).contains("parts: 1\n");

        CliRun defaults = CliRun.execute("plan", "--run-dir", runDir.toString(), "--defaults", "--json");
        assertThat(defaults.out()).contains("\"source\" : \"defaults");
    }

    @Test
    void badAssumptionsAreOneLineUsageErrors() {
        for (String[] args : new String[][] {{"--hours", "0"}, {"--replication-factor", "0"}, {"--disk-fill", "2"}, {"--benchmark", "tpcds", "--scale-factor", "3"}}) {
            String[] command = new String[args.length + 3];
            command[0] = "plan";
            command[1] = "--run-dir";
            command[2] = runDir.toString();
            System.arraycopy(args, 0, command, 3, args.length);

            CliRun run = CliRun.execute(command);

            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(SluiceCommand.EXIT_USAGE);
            assertThat(run.err().strip()).as(String.join(" ", args)).startsWith("error: ").doesNotContain("\n");
        }
    }
}
