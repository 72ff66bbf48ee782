package io.sluice.cli.plan;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The chart values (keys of helm/sluice/values.yaml) that carry out a plan; everything else keeps the chart's
 * defaults (helm merges maps, so a pod's memory keeps the chart's). The broker count, partitions and storage are the Kafka, MinIO and ClickHouse installations' own
 * settings, so they are comments here.
 */
public final class HelmValues
{
    private HelmValues() {}

    public static String render(String benchmark, String scaleFactor, CapacityPlan plan, ClusterAssumptions cluster)
    {
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(scaleFactor, "scaleFactor is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(cluster, "cluster is null");
        String landerCpu = String.valueOf(cluster.landerCoresPerPod());
        return String.format(Locale.ROOT, """
                # sluice plan: %s sf %s in %.1f h; install with: helm install sluice helm/sluice -f <this file>
                # Kafka (your cluster's settings): %d brokers, replication %d, %d partitions per large row topic,
                #   %.1f GB retained; ClickHouse: %d cores, %.1f GB; S3: %.1f GB of Parquet
                benchmark: %s
                scaleFactor: %s
                parts: %d
                generator:
                  mode: job
                  partsPerPod: %d
                  parallelism: %d
                  resources:
                    requests: {cpu: "1"}
                parquetLander:
                  replicas: %d
                  resources:
                    requests: {cpu: "%s"}
                clickhouseLander:
                  replicas: %d
                  resources:
                    requests: {cpu: "%s"}
                """,
                benchmark, scaleFactor, cluster.target().toMillis() / 3_600_000.0, plan.brokers(), cluster.replicationFactor(), plan.partitions(),
                plan.kafkaStorageBytes() / 1e9, plan.clickhouseServerCores(), plan.clickhouseStorageBytes() / 1e9, plan.parquetStorageBytes() / 1e9,
                benchmark, scaleFactor, plan.parts(),
                plan.partsPerGeneratorPod(), plan.generatorPods(),
                plan.parquetLanderReplicas(), landerCpu,
                plan.clickhouseLanderReplicas(), landerCpu);
    }
}
