package io.sluice.cli.plan;

import java.time.Duration;

/**
 * How many of everything a dataset needs to be generated and landed within the target time, and what it stores.
 * {@link CapacityModel} explains each figure.
 */
public record CapacityPlan(
        long rows,
        int parts,
        int generatorPods,
        int partsPerGeneratorPod,
        int partitions,
        int brokers,
        int brokersForThroughput,
        int brokersForDisk,
        int parquetLanderReplicas,
        int clickhouseLanderReplicas,
        int clickhouseServerCores,
        double kafkaMegabytesPerSecond,
        long kafkaStorageBytes,
        long parquetStorageBytes,
        long clickhouseStorageBytes,
        Duration generateTime,
        Duration parquetLandTime,
        Duration clickhouseLandTime)
{
    /** The stages run at once (landers consume while the generator produces), so the slowest one sets the pace. */
    public Duration endToEndTime()
    {
        Duration slowest = generateTime;
        slowest = parquetLandTime.compareTo(slowest) > 0 ? parquetLandTime : slowest;
        return clickhouseLandTime.compareTo(slowest) > 0 ? clickhouseLandTime : slowest;
    }
}
