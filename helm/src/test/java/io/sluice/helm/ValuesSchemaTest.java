package io.sluice.helm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

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

    @Test
    void rejectsAnUnknownValue()
    {
        assertThatThrownBy(() -> CHART.renderText("default", Map.of("scalefactor", 10)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("scalefactor");
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
