package io.sluice.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every value of values.yaml is described in the chart README and allowed by the schema. */
class ValuesDocumentationTest
{
    /** Values that are free-form maps (Kubernetes structures, labels, plans): documented as a whole. */
    private static final Set<String> FREE_FORM = Set.of("resources", "nodeSelector", "affinity", "labels", "commonLabels", "plans");

    @Test
    void everyValueIsInTheReadmeTable()
            throws IOException
    {
        SluiceChart chart = SluiceChart.load();
        String readme = Files.readString(chart.directory().resolve("README.md"));

        List<String> paths = documentedPaths(chart);
        assertThat(paths).hasSizeGreaterThan(50);
        assertThat(paths).allSatisfy(path -> assertThat(readme).as("README row for %s", path).contains("| `" + path + "` |"));
    }

    @Test
    void everyValueIsDeclaredInTheSchema()
            throws IOException
    {
        SluiceChart chart = SluiceChart.load();
        JsonNode schema = new ObjectMapper().readTree(chart.directory().resolve("values.schema.json").toFile());

        assertThat(documentedPaths(chart)).allSatisfy(path -> {
            JsonNode node = schema;
            for (String key : path.split("\\.")) {
                node = node.path("properties").path(key);
            }
            assertThat(node.isMissingNode()).as("schema of %s", path).isFalse();
        });
    }

    private static List<String> documentedPaths(SluiceChart chart)
            throws IOException
    {
        JsonNode values = new ObjectMapper(new YAMLFactory()).readTree(chart.directory().resolve("values.yaml").toFile());
        List<String> paths = new ArrayList<>();
        collect(values, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, List<String> paths)
    {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject() && !FREE_FORM.contains(field.getKey()) && !field.getValue().isEmpty()) {
                collect(field.getValue(), path, paths);
            }
            else {
                paths.add(path);
            }
        }
    }
}
