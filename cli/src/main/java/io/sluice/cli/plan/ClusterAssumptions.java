package io.sluice.cli.plan;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What the plan assumes of the cluster it runs on.
 *
 * @param target the wall time the whole dataset should take, generation and both landings overlapping
 * @param brokerMegabytesPerSecond sustained write throughput of one Kafka broker (its own and replica writes)
 * @param replicationFactor replicas of each row topic partition
 * @param brokerDiskGigabytes data disk of one broker
 * @param diskFill the fraction of a disk the plan fills at most, the rest is headroom
 * @param landerCoresPerPod cores of one lander pod (its CPU request)
 */
public record ClusterAssumptions(Duration target, double brokerMegabytesPerSecond, int replicationFactor, double brokerDiskGigabytes, double diskFill, int landerCoresPerPod)
{
    public static final double DEFAULT_BROKER_MEGABYTES_PER_SECOND = 100;
    public static final int DEFAULT_REPLICATION_FACTOR = 3;
    public static final double DEFAULT_BROKER_DISK_GIGABYTES = 1000;
    public static final double DEFAULT_DISK_FILL = 0.75;
    public static final int DEFAULT_LANDER_CORES_PER_POD = 1;

    public ClusterAssumptions
    {
        requireNonNull(target, "target is null");
        if (target.isNegative() || target.isZero()) {
            throw new IllegalArgumentException("--hours must be > 0");
        }
        if (!(brokerMegabytesPerSecond > 0)) {
            throw new IllegalArgumentException("--broker-mbps must be > 0, got " + brokerMegabytesPerSecond);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("--replication-factor must be >= 1, got " + replicationFactor);
        }
        if (!(brokerDiskGigabytes > 0)) {
            throw new IllegalArgumentException("--broker-disk-gb must be > 0, got " + brokerDiskGigabytes);
        }
        if (!(diskFill > 0 && diskFill <= 1)) {
            throw new IllegalArgumentException("--disk-fill must be in (0, 1], got " + diskFill);
        }
        if (landerCoresPerPod < 1) {
            throw new IllegalArgumentException("--cores-per-pod must be >= 1, got " + landerCoresPerPod);
        }
    }

    public static ClusterAssumptions defaults(Duration target)
    {
        return new ClusterAssumptions(target, DEFAULT_BROKER_MEGABYTES_PER_SECOND, DEFAULT_REPLICATION_FACTOR, DEFAULT_BROKER_DISK_GIGABYTES,
                DEFAULT_DISK_FILL, DEFAULT_LANDER_CORES_PER_POD);
    }
}
