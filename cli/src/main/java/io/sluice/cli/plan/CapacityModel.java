package io.sluice.cli.plan;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The capacity model: pure arithmetic from a dataset's rows, the calibrated per-core rates and bytes per row,
 * and the cluster assumptions. With R rows, T the target in seconds, g / p / c / s the generator, Parquet
 * lander, ClickHouse lander and ClickHouse server rows per core-second, k / q / h the Kafka, Parquet and
 * ClickHouse bytes per row, RF the replication factor, B a broker's MB/s, D its disk, f the disk fill, C the
 * cores of a lander pod:
 * <pre>
 * generator pods G  = ceil(R / (g * T))                     one generating thread (one core) per pod
 * parts          P  = G * ceil(max(ceil(sf), Lp, Lc, G) / G)  a multiple of G, at least ceil(sf) and a part per lander
 * Parquet landers Lp = ceil(R / (p * C * T))
 * ClickHouse landers Lc = ceil(R / (c * C * T)); ClickHouse cores = ceil(R / (s * T))
 * Kafka MB/s     K  = R * k / T / 1e6
 * brokers            = max(RF, ceil(K * RF / B), ceil(R * k * RF / (D * f)))   replication, throughput, disk
 * partitions         = min(1000, P, max(Lp, Lc, brokers))   per row topic: a partition per consumer, spread over brokers
 *                                                          (so Lp and Lc are at most 1000: a replica without a partition is idle)
 * storage            = Kafka R * k * RF (the whole dataset retained until landed), Parquet R * q, ClickHouse R * h
 * time per stage     = R / (G * g), R / (Lp * C * p), R / (Lc * C * c); end to end = the slowest (they overlap)
 * </pre>
 */
public final class CapacityModel
{
    /** Most partitions the generator creates a row topic with. */
    public static final int MAX_PARTITIONS = 1000;
    /** Most parts a dataset may be split into. */
    public static final int MAX_PARTS = 100_000;

    private CapacityModel() {}

    /**
     * @param rows the dataset's rows, all tables
     * @param scaleFactor its scale factor (the generator's default parts are ceil(sf))
     */
    public static CapacityPlan plan(long rows, double scaleFactor, Calibration rates, ClusterAssumptions cluster)
    {
        requireNonNull(rates, "rates is null");
        requireNonNull(cluster, "cluster is null");
        if (rows < 1) {
            throw new IllegalArgumentException("a plan needs at least one row, got " + rows);
        }
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("--scale-factor must be > 0, got " + scaleFactor);
        }
        double seconds = cluster.target().toMillis() / 1000.0;
        int cores = cluster.landerCoresPerPod();

        int generatorPods = atLeastOne(rows / (rates.generatorRowsPerCoreSecond() * seconds));
        int parquetLanders = atLeastOne(rows / (rates.parquetLanderRowsPerCoreSecond() * cores * seconds));
        int clickhouseLanders = atLeastOne(rows / (rates.clickhouseLanderRowsPerCoreSecond() * cores * seconds));
        int clickhouseCores = atLeastOne(rows / (rates.clickhouseServerRowsPerCoreSecond() * seconds));

        int landers = Math.max(parquetLanders, clickhouseLanders);
        long minimumParts = Math.max(Math.max((long) Math.ceil(scaleFactor), generatorPods), landers);
        long parts = generatorPods * Math.ceilDiv(minimumParts, generatorPods);
        if (parts > MAX_PARTS) {
            throw new IllegalArgumentException("the plan needs %,d parts, more than the %,d a dataset may have; raise --hours".formatted(parts, MAX_PARTS));
        }
        if (landers > MAX_PARTITIONS) {
            // a consumer without a partition of the largest table lands none of it, so the stage would not keep pace
            throw new IllegalArgumentException("the plan needs %,d lander replicas of one sink, more than the %,d partitions a row topic may have; raise --hours or --cores-per-pod"
                    .formatted(landers, MAX_PARTITIONS));
        }

        double kafkaBytes = rows * rates.kafkaBytesPerRow();
        double kafkaMegabytesPerSecond = kafkaBytes / seconds / 1e6;
        int brokersForThroughput = atLeastOne(kafkaMegabytesPerSecond * cluster.replicationFactor() / cluster.brokerMegabytesPerSecond());
        long kafkaStorage = (long) Math.ceil(kafkaBytes * cluster.replicationFactor());
        int brokersForDisk = atLeastOne(kafkaStorage / (cluster.brokerDiskGigabytes() * 1e9 * cluster.diskFill()));
        int brokers = Math.max(cluster.replicationFactor(), Math.max(brokersForThroughput, brokersForDisk));
        int partitions = (int) Math.min(Math.min(MAX_PARTITIONS, parts), Math.max(brokers, landers));

        return new CapacityPlan(rows, (int) parts, generatorPods, (int) (parts / generatorPods), partitions,
                brokers, brokersForThroughput, brokersForDisk, parquetLanders, clickhouseLanders, clickhouseCores,
                kafkaMegabytesPerSecond, kafkaStorage, (long) Math.ceil(rows * rates.parquetBytesPerRow()), (long) Math.ceil(rows * rates.clickhouseBytesPerRow()),
                duration(rows / (generatorPods * rates.generatorRowsPerCoreSecond())),
                duration(rows / ((double) parquetLanders * cores * rates.parquetLanderRowsPerCoreSecond())),
                duration(rows / ((double) clickhouseLanders * cores * rates.clickhouseLanderRowsPerCoreSecond())));
    }

    private static int atLeastOne(double needed)
    {
        double count = Math.ceil(needed - 1e-9); // 4.0000000001 from rounding is 4, not 5
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the plan needs more than %,d of something; raise --hours".formatted(Integer.MAX_VALUE));
        }
        return (int) Math.max(1, count);
    }

    private static Duration duration(double seconds)
    {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
