package io.sluice.cli.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan's values against the chart's own values.schema.json (what {@code helm install} checks), read from
 * helm/sluice. The checker covers the keywords that schema uses; {@code required} is left out because helm checks
 * it on the merged values, whose other keys come from values.yaml.
 */
class HelmValuesTest
{
    private static final Path SCHEMA = Path.of("..", "helm", "sluice", "values.schema.json");

    @Test
    void aPlanForSf10000SatisfiesTheChartSchema() throws IOException
    {
        ClusterAssumptions cluster = ClusterAssumptions.defaults(Duration.ofHours(2));
        CapacityPlan plan = CapacityModel.plan(86_600_000_030L, 10_000, Calibration.defaults(), cluster);

        ObjectNode values = HelmValues.values("tpch", new BigDecimal("10000"), plan, cluster);

        assertThat(violations(values, schema())).isEmpty();
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

        assertThat(violations(values, schema())).isEmpty();
        assertThat(file).startsWith("# sluice plan: tpch sf 0.01 in 1 h 00 min; install with:")
                .contains("\nscaleFactor: 0.01\n").contains("\nparts: 1\n").contains("\ngenerator:\n  mode: \"job\"\n");
    }

    @Test
    void theCheckerCatchesWhatTheSchemaRefuses() throws IOException
    {
        ObjectNode values = new ObjectMapper().createObjectNode();
        values.put("parts", 0);
        values.putObject("generator").put("mode", "cron");
        values.put("noSuchKey", 1);
        values.putObject("tracker").putObject("env").put("SLUICE_TRACKER_LAND_TIMEOUT", "5");

        assertThat(violations(values, schema())).hasSize(4);
    }

    private static JsonNode schema() throws IOException
    {
        return new ObjectMapper().readTree(Files.readString(SCHEMA));
    }

    private static List<String> violations(JsonNode value, JsonNode schema)
    {
        return violations(value, schema, schema, "");
    }

    /**
     * @param root the whole schema, which {@code $ref}s ({@code #/definitions/…}) point into
     */
    private static List<String> violations(JsonNode value, JsonNode schema, JsonNode root, String path)
    {
        if (schema.has("$ref")) {
            return violations(value, root.at(schema.get("$ref").asText().substring(1)), root, path);
        }
        List<String> found = new ArrayList<>();
        if (schema.has("oneOf")) {
            long matching = 0;
            for (JsonNode option : schema.get("oneOf")) {
                matching += violations(value, option, root, path).isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                found.add(path + ": matches " + matching + " of oneOf");
            }
        }
        if (schema.has("type") && !hasType(value, schema.get("type"))) {
            found.add(path + ": not of type " + schema.get("type"));
            return found;
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            found.add(path + ": not one of " + schema.get("enum"));
        }
        if (value.isNumber()) {
            if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
                found.add(path + ": below minimum");
            }
            if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
                found.add(path + ": above maximum");
            }
            if (schema.has("exclusiveMinimum") && value.decimalValue().compareTo(schema.get("exclusiveMinimum").decimalValue()) <= 0) {
                found.add(path + ": not above exclusiveMinimum");
            }
        }
        if (value.isTextual()) {
            if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                found.add(path + ": does not match " + schema.get("pattern"));
            }
            if (schema.has("minLength") && value.asText().length() < schema.get("minLength").asInt()) {
                found.add(path + ": too short");
            }
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String child = path + "/" + field.getKey();
                if (schema.has("propertyNames")) {
                    found.addAll(violations(JsonNodeFactory.instance.textNode(field.getKey()), schema.get("propertyNames"), root, child + " (name)"));
                }
                if (properties.has(field.getKey())) {
                    found.addAll(violations(field.getValue(), properties.get(field.getKey()), root, child));
                }
                else if (additional.isBoolean() && !additional.asBoolean()) {
                    found.add(child + ": not allowed");
                }
                else if (additional.isObject()) {
                    found.addAll(violations(field.getValue(), additional, root, child));
                }
            }
        }
        return found;
    }

    private static boolean hasType(JsonNode value, JsonNode type)
    {
        if (type.isArray()) {
            for (JsonNode option : type) {
                if (hasType(value, option)) {
                    return true;
                }
            }
            return false;
        }
        return switch (type.asText()) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new IllegalArgumentException("schema type the checker does not know: " + type);
        };
    }

    private static boolean contains(JsonNode options, JsonNode value)
    {
        for (JsonNode option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
