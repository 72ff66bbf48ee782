package io.sluice.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.generator.settings.GeneratorSettings;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The chart values (keys of helm/sluice/values.yaml) that carry out a plan; everything else keeps the chart's
 * defaults (helm merges maps, so a pod's memory keeps the chart's). The generator creates the row topics, so the
 * plan's partitions and replication factor are its settings; the broker count and storage belong to the Kafka, MinIO
 * and ClickHouse installations, so they are comments in the file.
 */
public final class HelmValues
{
    private HelmValues() {}

    public static ObjectNode values(String benchmark, BigDecimal scaleFactor, CapacityPlan plan, ClusterAssumptions cluster)
    {
        requireNonNull(benchmark, "benchmark is null");
        requireNonNull(scaleFactor, "scaleFactor is null");
        requireNonNull(plan, "plan is null");
        requireNonNull(cluster, "cluster is null");
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        values.put("benchmark", benchmark);
        values.put("scaleFactor", scaleFactor.stripTrailingZeros());
        values.put("parts", plan.parts());
        ObjectNode generator = values.putObject("generator");
        generator.put("mode", "job");
        generator.put("partsPerPod", plan.partsPerGeneratorPod());
        generator.put("parallelism", plan.generatorPods());
        generator.putObject("resources").putObject("requests").put("cpu", "1");
        ObjectNode generatorEnv = generator.putObject("env");
        generatorEnv.put(GeneratorSettings.PARTITIONS_ENV, String.valueOf(plan.partitions()));
        generatorEnv.put(GeneratorSettings.REPLICATION_FACTOR_ENV, String.valueOf(cluster.replicationFactor()));
        String landerCpu = String.valueOf(cluster.landerCoresPerPod());
        ObjectNode parquet = values.putObject("parquetLander");
        parquet.put("replicas", plan.parquetLanderReplicas());
        parquet.putObject("resources").putObject("requests").put("cpu", landerCpu);
        ObjectNode clickhouse = values.putObject("clickhouseLander");
        clickhouse.put("replicas", plan.clickhouseLanderReplicas());
        clickhouse.putObject("resources").putObject("requests").put("cpu", landerCpu);
        return values;
    }

    /** The values file: a header with what the chart does not set, then the values as YAML. */
    public static String render(String benchmark, BigDecimal scaleFactor, CapacityPlan plan, ClusterAssumptions cluster)
    {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, """
                # sluice plan: %s sf %s in %s; install with: helm install sluice helm/sluice -f <this file>
                # Kafka: %d brokers (your cluster's), replication %d and %d partitions per row topic (the generator
                #   creates the topics: generator.env below), %.1f GB retained; ClickHouse: %d cores, %.1f GB;
                #   S3: %.1f GB of Parquet
                """,
                benchmark, scaleFactor.stripTrailingZeros().toPlainString(), PlanText.duration(cluster.target()), plan.brokers(), cluster.replicationFactor(),
                plan.partitions(), plan.kafkaStorageBytes() / 1e9, plan.clickhouseServerCores(), plan.clickhouseStorageBytes() / 1e9, plan.parquetStorageBytes() / 1e9));
        yaml(text, values(benchmark, scaleFactor, plan, cluster), "");
        return text.toString();
    }

    /** Block-style YAML of objects and scalars; strings in JSON's quoting, which YAML reads the same. */
    private static void yaml(StringBuilder text, JsonNode node, String indent)
    {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            text.append(indent).append(field.getKey()).append(':');
            if (value.isObject()) {
                text.append('\n');
                yaml(text, value, indent + "  ");
            }
            else {
                text.append(' ').append(value.isBigDecimal() ? value.decimalValue().toPlainString() : value.toString()).append('\n');
            }
        }
    }
}
