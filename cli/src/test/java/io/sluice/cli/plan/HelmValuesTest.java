package io.sluice.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan's values against the chart's own values.schema.json, as {@code helm install} checks them: merged over the
 * chart's values.yaml, both read from helm/sluice.
 */
class HelmValuesTest
{
    private static final Path CHART = Path.of("..", "helm", "sluice");

    @Test
    void aPlanForSf10000SatisfiesTheChartSchema() throws IOException
    {
        ClusterAssumptions cluster = ClusterAssumptions.defaults(Duration.ofHours(2));
        CapacityPlan plan = CapacityModel.plan(86_600_000_030L, 10_000, Calibration.defaults(), cluster);

        ObjectNode values = HelmValues.values("tpch", new BigDecimal("10000"), plan, cluster);

        assertThat(violations(values)).isEmpty();
        assertThat(values.get("parts").asInt()).isEqualTo(plan.parts());
        assertThat(values.at("/generator/parallelism").asInt()).isEqualTo(plan.generatorPods());
        assertThat(values.at("/generator/partsPerPod").asInt() * plan.generatorPods()).isEqualTo(plan.parts());
        assertThat(values.at("/parquetLander/replicas").asInt()).isEqualTo(plan.parquetLanderReplicas());
        assertThat(values.at("/clickhouseLander/replicas").asInt()).isEqualTo(plan.clickhouseLanderReplicas());
        // the generator creates the row topics, so it carries out the plan's partitions and replication
        assertThat(values.at("/generator/env/SLUICE_GENERATOR_PARTITIONS").asText()).isEqualTo(String.valueOf(plan.partitions()));
        assertThat(values.at("/generator/env/SLUICE_GENERATOR_REPLICATION_FACTOR").asText()).isEqualTo(String.valueOf(cluster.replicationFactor()));
    }

    @Test
    void aFractionalScaleFactorStaysANumber() throws IOException
    {
        ClusterAssumptions cluster = ClusterAssumptions.defaults(Duration.ofHours(1));
        CapacityPlan plan = CapacityModel.plan(86_630, 0.01, Calibration.defaults(), cluster);

        ObjectNode values = HelmValues.values("tpch", new BigDecimal("0.010"), plan, cluster);
        String file = HelmValues.render("tpch", new BigDecimal("0.010"), plan, cluster);

        assertThat(violations(values)).isEmpty();
        assertThat(file).startsWith("# sluice plan: tpch sf 0.01 in 1 h 00 min; install with:")
                .contains("\nscaleFactor: 0.01\n").contains("\nparts: 1\n").contains("\ngenerator:\n  mode: \"job\"\n");
    }

    @Test
    void theValidatorRefusesWhatTheSchemaRefuses() throws IOException
    {
        ObjectNode values = new ObjectMapper().createObjectNode();
        values.put("parts", 0);
        values.putObject("generator").put("mode", "cron");
        values.put("noSuchKey", 1);
        values.putObject("tracker").putObject("env").put("SLUICE_TRACKER_LAND_TIMEOUT", "5");

        assertThat(violations(values)).hasSize(4)
                .anySatisfy(violation -> assertThat(violation).contains("/parts"))
                .anySatisfy(violation -> assertThat(violation).contains("/generator/mode"))
                .anySatisfy(violation -> assertThat(violation).contains("noSuchKey"))
                .anySatisfy(violation -> assertThat(violation).contains("SLUICE_TRACKER_LAND_TIMEOUT"));
    }

    /**
     * What {@code helm install -f} checks: the chart's values.yaml with the plan's values merged over it (maps merge,
     * everything else is replaced), against values.schema.json.
     */
    private static List<String> violations(JsonNode values) throws IOException
    {
        JsonNode defaults = new YAMLMapper().readTree(CHART.resolve("values.yaml").toFile());
        Schema schema = SchemaRegistry.withDialect(Dialects.getDraft7()).getSchema(new ObjectMapper().readTree(CHART.resolve("values.schema.json").toFile()));
        return schema.validate(merged(defaults, values)).stream().map(Error::toString).toList();
    }

    private static JsonNode merged(JsonNode defaults, JsonNode values)
    {
        if (!defaults.isObject() || !values.isObject()) {
            return values;
        }
        ObjectNode result = ((ObjectNode) defaults).deepCopy();
        values.properties().forEach(field -> result.set(field.getKey(), result.has(field.getKey()) ? merged(result.get(field.getKey()), field.getValue()) : field.getValue()));
        return result;
    }
}
