package io.sluice.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json turns wrong values into helm's schema error naming the value, before anything renders. */
class ValuesSchemaTest
{
    private static final SluiceChart CHART = SluiceChart.load();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "scaleFactor | 0",
            "scaleFactor | -1",
            "scaleFactor | ten",
            "benchmark | tpcx",
            "parts | 0",
            "parts | 2.5",
            "generator.mode | cron",
            "generator.partsPerPod | 0",
            "metrics.port | 80",
            "image.pullPolicy | Sometimes",
            "kafka.securityProtocol | TLS",
            "kafka.sessionTimeoutMs | 3000",
            "kafka.bootstrapServers | no-port",
            "logFormat | xml",
            "s3.bucket | Not_A_Bucket",
            "faults.chaosMesh.podKill.component | kafka",
            "parquetLander.autoscaling.targetCPUUtilizationPercentage | 120",
            "tracker.env.landTimeout | 5",
            "tracker.env.SLUICE_TRACKER_LAND_TIMEOUT | 5",
            "tracker.env.SLUICE_LANDER_BATCH_ROWS | 5",
            "parquetLander.env.SLUICE_S3_SECRET_KEY | plain-text",
            "queryRunner.env.SLUICE_QUERY_RUNNER_ORACLE_TIMEOUT_MS | true",
    })
    void rejectsAWrongValueNamingIt(String key, String value)
    {
        assertThatThrownBy(() -> CHART.renderText("default", Map.of(key, value)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(key.substring(key.lastIndexOf('.') + 1));
    }

    // the generator's ranges (generator/README.md, scaleFactor): helm install fails instead of the generator's pods
    @ParameterizedTest
    @CsvSource({"tpch, 0.001", "tpch, 50000", "tpcds, 2", "tpcds, 0.1", "tpcds, 20000"})
    void rejectsAScaleFactorTheGeneratorRefuses(String benchmark, String scaleFactor, @TempDir Path directory)
            throws IOException
    {
        Path values = dataset(directory, benchmark, scaleFactor);

        assertThatThrownBy(() -> CHART.renderText("default", values))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("scaleFactor");
    }

    @ParameterizedTest
    @CsvSource({"tpch, 0.01", "tpch, 0.1", "tpch, 10000", "tpcds, 0.01", "tpcds, 300", "tpcds, 10000"})
    void acceptsAScaleFactorTheGeneratorTakes(String benchmark, String scaleFactor, @TempDir Path directory)
            throws IOException
    {
        Path values = dataset(directory, benchmark, scaleFactor);

        assertThat(CHART.renderText("default", values)).contains("- \"" + scaleFactor + "\"");
    }

    @Test
    void rejectsAnUnknownValue()
    {
        assertThatThrownBy(() -> CHART.renderText("default", Map.of("scalefactor", 10)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("scalefactor");
    }

    private static Path dataset(Path directory, String benchmark, String scaleFactor)
            throws IOException
    {
        return Files.writeString(directory.resolve("dataset.yaml"), "benchmark: %s\nscaleFactor: %s\n".formatted(benchmark, scaleFactor));
    }

    @Test
    void aPlanThatIsNotDefinedFailsWithTheKnownPlans()
    {
        assertThatThrownBy(() -> CHART.renderText("default", Map.of("queryRunner.plan", "tpch-q1")))
                .hasMessageContaining("queryRunner.plan \"tpch-q1\" is not a key of plans (have: power, throughput)");
    }

    @Test
    void aMissingServerAddressSaysWhatToSet()
    {
        assertThatThrownBy(() -> CHART.renderText("default", Map.of("kafka.bootstrapServers", "")))
                .hasMessageContaining("kafka.bootstrapServers is empty")
                .hasMessageContaining("dependencies.kafka.enabled=true");
    }
}
