package io.sluice.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BenchReportTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Machine MACHINE = new Machine("host", 2, 1L << 30, "Linux", "25", List.of("-Xmx1g", "-XX:+UseTransparentHugePages"), 1.0, 2.0);

    @Test
    void jsonHasEveryStageWithItsRatioToTheCeiling() throws Exception
    {
        // 1,000 rows in 1, 2 and 4 CPU-seconds: 1,000, 500, 250 rows per core-second, median 500
        StageResult lander = new StageResult("kafka->parquet", List.of(measure(1), measure(2), measure(4)),
                Optional.of("generate -> Parquet in S3"), List.of(measure(1), measure(1), measure(0.5)), 300_000_000, 200_000_000, 150_000_000);
        StageResult generate = new StageResult("generate", List.of(measure(0.5), measure(0.5), measure(0.5)), Optional.empty(), List.of(), 100, 50, 40);
        BenchReport report = new BenchReport("tpch.sf1", 3, 1, Instant.EPOCH, MACHINE, List.of(generate, lander),
                List.of(Duration.ofSeconds(40), Duration.ofSeconds(30), Duration.ofSeconds(50)), true);

        JsonNode json = new ObjectMapper().readTree(report.toJson(new ObjectMapper()).toString());

        assertThat(json.get("endToEndSeconds").asDouble()).isEqualTo(40.0);
        assertThat(json.get("stages")).hasSize(2);
        JsonNode parquet = json.get("stages").get(1);
        assertThat(parquet.get("name").asText()).isEqualTo("kafka->parquet");
        assertThat(parquet.get("rowsPerSecPerCore").asDouble()).isCloseTo(500, within(1e-6));
        assertThat(parquet.get("rowsPerSecPerCoreRange").get("min").asDouble()).isCloseTo(250, within(1e-6));
        assertThat(parquet.get("rowsPerSecPerCoreRange").get("max").asDouble()).isCloseTo(1000, within(1e-6));
        assertThat(parquet.get("ceilingRowsPerSecPerCore").asDouble()).isCloseTo(1000, within(1e-6));
        assertThat(parquet.get("ratio").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(parquet.get("peakRssBytes").asLong()).isEqualTo(300_000_000);
        assertThat(parquet.get("peakLiveHeapBytes").asLong()).isEqualTo(150_000_000);
        assertThat(parquet.get("mbPerSecPerCore").asDouble()).isCloseTo(0.05, within(1e-9)); // 100,000 bytes in 2 CPU-seconds
        JsonNode raw = json.get("stages").get(0);
        assertThat(raw.get("ratio").isNull()).isTrue();
        assertThat(raw.get("ceilingRowsPerSecPerCore").isNull()).isTrue();
        assertThat(report.table()).contains("kafka->parquet").contains("0.50").contains("end to end").contains("JVM options -Xmx1g -XX:+UseTransparentHugePages");
        assertThat(json.get("machine").get("jvmOptions")).extracting(JsonNode::asText).containsExactly("-Xmx1g", "-XX:+UseTransparentHugePages");
    }

    @Test
    void machineKeepsTheJvmOptionsNotTheSystemProperties()
    {
        assertThat(Machine.jvmOptions(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseTransparentHugePages", "-Dtoken=secret", "-Xmx2g", "-javaagent:x.jar")))
                .containsExactly("-XX:+UseTransparentHugePages", "-Xmx2g");
    }

    @Test
    void aCeilingIsMeasuredInEveryRepetitionOrNotAtAll()
    {
        assertThatThrownBy(() -> new StageResult("x", List.of(measure(1), measure(1)), Optional.of("c"), List.of(measure(1)), 0, 0, 0))
                .hasMessageContaining("ceiling");
        assertThatThrownBy(() -> new StageResult("x", List.of(measure(1)), Optional.empty(), List.of(measure(1)), 0, 0, 0))
                .hasMessageContaining("ceiling");
    }

    @Test
    void spreadTakesTheMiddleOfAnEvenCount()
    {
        Spread spread = Spread.of(List.of(4.0, 1.0, 3.0, 2.0), value -> value);

        assertThat(spread).isEqualTo(new Spread(2.5, 1, 4));
        assertThat(spread.relativeHalfRange()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void memoryGrowthIsJudgedOnTheLiveHeapOfReportsReadBackFromJson() throws Exception
    {
        // RSS doubles (a heap the collector let grow) while the live heap grows 10%: flat
        RunMemory small = readBack(report("tpch.sf0_1", 1_000_000, 100_000));
        RunMemory large = readBack(report("tpch.sf3", 2_000_000, 110_000));

        List<MemoryGrowth> growth = MemoryGrowth.between(List.of(small, large));

        assertThat(growth).singleElement().satisfies(stage -> {
            assertThat(stage.smallDataset()).isEqualTo("tpch.sf0_1");
            assertThat(stage.largeDataset()).isEqualTo("tpch.sf3");
            assertThat(stage.growth()).isCloseTo(1.1, within(1e-12));
            assertThat(stage.rssGrowth()).isCloseTo(2.0, within(1e-12));
            assertThat(stage.flat()).isTrue();
        });
        MemoryGrowth grown = MemoryGrowth.between(List.of(small, readBack(report("tpch.sf3", 1_000_000, 130_000)))).getFirst();
        assertThat(grown.growth()).isCloseTo(1.3, within(1e-12));
        assertThat(grown.flat()).isFalse();
        assertThat(MemoryGrowth.table(List.of(grown))).contains("kafka->clickhouse").contains("1.30").contains("more than 1.2");
        JsonNode json = MemoryGrowth.toJson(JSON, List.of(grown)).get(0);
        assertThat(json.get("smallPeakLiveHeapBytes").asLong()).isEqualTo(100_000);
        assertThat(json.get("largePeakLiveHeapBytes").asLong()).isEqualTo(130_000);
        assertThat(json.get("flat").asBoolean()).isFalse();
    }

    @Test
    void aReportWithoutTheLiveHeapIsRefusedNamingTheField() throws Exception
    {
        ObjectNode json = report("tpch.sf1", 1_000, 100).toJson(JSON);
        ((ObjectNode) json.get("stages").get(0)).remove("peakLiveHeapBytes");

        assertThatThrownBy(() -> RunMemory.fromJson(JSON.readTree(json.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peakLiveHeapBytes")
                .hasMessageContaining("kafka->clickhouse");
        assertThatThrownBy(() -> RunMemory.fromJson(JSON.readTree("{\"dataset\": \"tpch.sf1\"}")))
                .hasMessageContaining("stages");
    }

    private static RunMemory readBack(BenchReport report) throws Exception
    {
        return RunMemory.fromJson(JSON.readTree(JSON.writeValueAsString(report.toJson(JSON))));
    }

    private static BenchReport report(String dataset, long peakRss, long peakLiveHeap)
    {
        StageResult stage = new StageResult("kafka->clickhouse", List.of(measure(1)), Optional.empty(), List.of(), peakRss, 0, peakLiveHeap);
        return new BenchReport(dataset, 1, 0, Instant.EPOCH, MACHINE, List.of(stage), List.of(Duration.ofSeconds(1)), true);
    }

    private static Measure measure(double cpuSeconds)
    {
        return new Measure(1_000, 100_000, Duration.ofSeconds(10), Duration.ofMillis(Math.round(cpuSeconds * 1000)));
    }
}
