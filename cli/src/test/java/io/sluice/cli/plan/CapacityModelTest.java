package io.sluice.cli.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class CapacityModelTest
{
    // generator 100, Parquet lander 50, ClickHouse lander 25, ClickHouse server 200 rows per core-second;
    // Kafka 10, Parquet 4, ClickHouse 5 bytes per row
    private static final Calibration RATES = new Calibration("test", 100, 50, 25, 200, 10, 4, 5);
    // 100 s, 1 MB/s per broker, replication 2, 1 MB disk per broker filled to half, 2 cores per lander pod
    private static final ClusterAssumptions CLUSTER = new ClusterAssumptions(Duration.ofSeconds(100), 1, 2, 0.001, 0.5, 2);

    @Test
    void sizesEveryStageForTheTargetTime()
    {
        CapacityPlan plan = CapacityModel.plan(95_000, 1, RATES, CLUSTER);

        assertThat(plan.generatorPods()).isEqualTo(10);            // ceil(95,000 / (100 * 100)) = ceil(9.5)
        assertThat(plan.parquetLanderReplicas()).isEqualTo(10);    // ceil(95,000 / (50 * 2 * 100)) = ceil(9.5)
        assertThat(plan.clickhouseLanderReplicas()).isEqualTo(19); // ceil(95,000 / (25 * 2 * 100))
        assertThat(plan.clickhouseServerCores()).isEqualTo(5);     // ceil(95,000 / (200 * 100)) = ceil(4.75)
        // at least a part per lander (19), a multiple of the 10 generator pods
        assertThat(plan.parts()).isEqualTo(20);
        assertThat(plan.partsPerGeneratorPod()).isEqualTo(2);
        // 950,000 bytes in 100 s = 0.0095 MB/s; x2 replicas / 1 MB/s -> 1 broker; 1.9 MB / (1 MB * 0.5) -> 4 brokers
        assertThat(plan.kafkaMegabytesPerSecond()).isCloseTo(0.0095, offset(1e-12));
        assertThat(plan.brokersForThroughput()).isEqualTo(1);
        assertThat(plan.kafkaStorageBytes()).isEqualTo(1_900_000);
        assertThat(plan.brokersForDisk()).isEqualTo(4);
        assertThat(plan.brokers()).isEqualTo(4);
        assertThat(plan.partitions()).isEqualTo(19);               // min(1000, 20 parts, max(4, 10, 19))
        assertThat(plan.parquetStorageBytes()).isEqualTo(380_000);
        assertThat(plan.clickhouseStorageBytes()).isEqualTo(475_000);
        assertThat(plan.generateTime()).isEqualTo(Duration.ofSeconds(95));      // 95,000 / (10 * 100)
        assertThat(plan.parquetLandTime()).isEqualTo(Duration.ofSeconds(95));   // 95,000 / (10 * 2 * 50)
        assertThat(plan.clickhouseLandTime()).isEqualTo(Duration.ofSeconds(100)); // 95,000 / (19 * 2 * 25)
        assertThat(plan.endToEndTime()).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void aTinyDatasetNeedsOneOfEachAndTheReplicationFactorInBrokers()
    {
        CapacityPlan plan = CapacityModel.plan(1, 0.01, RATES, CLUSTER);

        assertThat(plan.generatorPods()).isEqualTo(1);
        assertThat(plan.parquetLanderReplicas()).isEqualTo(1);
        assertThat(plan.clickhouseLanderReplicas()).isEqualTo(1);
        assertThat(plan.parts()).isEqualTo(1);
        assertThat(plan.brokers()).isEqualTo(2);
        assertThat(plan.partitions()).isEqualTo(1);
    }

    @Test
    void partsFollowTheScaleFactorWhenItExceedsThePods()
    {
        CapacityPlan plan = CapacityModel.plan(1_000, 250, RATES, CLUSTER);

        assertThat(plan.generatorPods()).isEqualTo(1);
        assertThat(plan.parts()).isEqualTo(250);
        assertThat(plan.partsPerGeneratorPod()).isEqualTo(250);
        assertThat(plan.partitions()).isEqualTo(2); // the brokers; one lander of each kind
    }

    @Test
    void brokersFollowThroughputWhenItDominates()
    {
        ClusterAssumptions slowBrokers = new ClusterAssumptions(Duration.ofSeconds(100), 0.001, 2, 1000, 0.5, 2);

        CapacityPlan plan = CapacityModel.plan(95_000, 1, RATES, slowBrokers);

        assertThat(plan.brokersForThroughput()).isEqualTo(19); // 0.0095 MB/s * 2 / 0.001
        assertThat(plan.brokersForDisk()).isEqualTo(1);
        assertThat(plan.brokers()).isEqualTo(19);
    }

    @Test
    void moreTimeMeansFewerPods()
    {
        CapacityPlan twice = CapacityModel.plan(95_000, 1, RATES, new ClusterAssumptions(Duration.ofSeconds(200), 1, 2, 0.001, 0.5, 2));

        assertThat(twice.generatorPods()).isEqualTo(5);          // ceil(4.75)
        assertThat(twice.clickhouseLanderReplicas()).isEqualTo(10); // ceil(9.5)
        assertThat(twice.kafkaStorageBytes()).isEqualTo(1_900_000); // the whole dataset is retained either way
    }

    @Test
    void refusesAPlanBeyondTheMostParts()
    {
        assertThatThrownBy(() -> CapacityModel.plan(1_000_000_000_000L, 1, RATES, CLUSTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parts")
                .hasMessageContaining("--hours");
    }

    @Test
    void refusesMoreLanderReplicasThanATopicHasPartitions()
    {
        // ClickHouse landers: ceil(5,005,000 / (25 * 2 * 100)) = 1,001; parts stay well under the most (1,002)
        assertThatThrownBy(() -> CapacityModel.plan(5_005_000, 1, RATES, CLUSTER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the plan needs 1,001 lander replicas of one sink, more than the 1,000 partitions a row topic may have; raise --hours or --cores-per-pod");
        assertThat(CapacityModel.plan(5_000_000, 1, RATES, CLUSTER).clickhouseLanderReplicas()).isEqualTo(1_000);
    }

    @Test
    void assumptionsNameTheOptionTheyComeFrom()
    {
        assertThatThrownBy(() -> new ClusterAssumptions(Duration.ofSeconds(1), 100, 0, 1000, 0.75, 1)).hasMessageContaining("--replication-factor");
        assertThatThrownBy(() -> new ClusterAssumptions(Duration.ofSeconds(1), 100, 3, 1000, 1.5, 1)).hasMessageContaining("--disk-fill");
        assertThatThrownBy(() -> new ClusterAssumptions(Duration.ZERO, 100, 3, 1000, 0.75, 1)).hasMessageContaining("--hours");
        assertThatThrownBy(() -> new Calibration("x", 0, 1, 1, 1, 1, 1, 1)).hasMessageContaining("generatorRowsPerCoreSecond");
    }
}
