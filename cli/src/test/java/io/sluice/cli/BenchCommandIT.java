package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.cli.plan.Calibration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code sluice bench --json} on the real servers at the smallest scale, one repetition (it starts two stacks
 * of Kafka, S3 and ClickHouse; about 2 minutes), then {@code sluice plan} from the calibration it left.
 */
class BenchCommandIT {
    // TPC-H SF 0.01 as the generator produces it (lineitem 60,175 + orders 15,000 + ... + region 5)
    private static final long ROWS = 86_805;

    @TempDir
    Path runDir;

    @Test
    void measuresEveryStageAgainstItsCeilingAndCalibratesThePlan() throws Exception {
        CliRun bench = CliRun.execute("bench", "--run-dir", runDir.toString(), "--scale-factor", "0.01", "--repetitions", "1", "--warmup", "0",
                "--timeout", "600", "--json");

        assertThat(bench.exitCode()).as(bench.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(bench.out());
        assertThat(report.get("dataset").asText()).isEqualTo("tpch.sf0_01");
        assertThat(report.get("endToEndSeconds").asDouble()).isPositive();
        List<String> names = new ArrayList<>();
        for (JsonNode stage : report.get("stages")) {
            String name = stage.get("name").asText();
            names.add(name);
            assertThat(stage.get("rows").asLong()).as(name).isEqualTo(ROWS);
            assertThat(stage.get("rowsPerSecPerCore").asDouble()).as(name).isPositive();
            assertThat(stage.get("mbPerSecPerCore").asDouble()).as(name).isPositive();
            assertThat(stage.get("peakRssBytes").asLong()).as(name).isPositive();
            boolean hasCeiling = !name.equals("generate") && !name.equals("end-to-end");
            assertThat(stage.get("ceilingRowsPerSecPerCore").isNull()).as(name).isEqualTo(!hasCeiling);
            if (hasCeiling) {
                assertThat(stage.get("ratio").asDouble()).as(name)
                        .isEqualTo(stage.get("rowsPerSecPerCore").asDouble() / stage.get("ceilingRowsPerSecPerCore").asDouble());
            }
        }
        assertThat(names).containsExactly("generate", "generate+encode", "generator->kafka", "kafka->parquet", "kafka->clickhouse", "end-to-end");

        Calibration calibration = Calibration.read(Calibration.file(runDir)).orElseThrow();
        assertThat(calibration.source()).startsWith("bench tpch.sf0_01");
        assertThat(calibration.parquetLanderRowsPerCoreSecond()).isEqualTo(report.get("stages").get(3).get("rowsPerSecPerCore").asDouble());

        CliRun plan = CliRun.execute("plan", "--run-dir", runDir.toString(), "--scale-factor", "100");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("rates: bench tpch.sf0_01").contains("parquetLander:\n  replicas: ");
    }
}
