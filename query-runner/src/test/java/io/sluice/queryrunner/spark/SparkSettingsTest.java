package io.sluice.queryrunner.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkSettingsTest
{
    @Test
    void absentWithoutSparkHome()
    {
        assertThat(SparkSettings.fromEnvironment(Map.of("SLUICE_S3_ACCESS_KEY", "a"))).isEmpty();
    }

    @Test
    void readsTheEnvironmentOverALaidOutSparkHome(@TempDir Path home, @TempDir Path jar)
            throws Exception
    {
        Path someJar = Files.writeString(jar.resolve("spark-core.jar"), "");
        SparkHome.layOut(home, List.of(someJar), Path.of(System.getProperty("java.home")));
        assertThat(home.resolve("jars/spark-core.jar")).isSymbolicLink();
        assertThat(home.resolve("bin/spark-submit")).isExecutable().content()
                .contains("org.apache.spark.deploy.SparkSubmit").contains("--add-opens=java.base/sun.util.calendar=ALL-UNNAMED");

        SparkSettings settings = SparkSettings.fromEnvironment(Map.of(
                "SLUICE_SPARK_HOME", home.toString(),
                "SLUICE_SPARK_MASTER", "k8s://https://kubernetes.default.svc",
                "SLUICE_SPARK_K8S_IMAGE", "apache/spark:4.1.1",
                "SLUICE_SPARK_K8S_SERVICE_ACCOUNT", "sluice-spark",
                "SLUICE_SPARK_EXECUTOR_INSTANCES", "2",
                "SLUICE_S3_ENDPOINT", "http://minio:9000",
                "SLUICE_S3_ACCESS_KEY", "key-id",
                "SLUICE_S3_SECRET_KEY", "s3cret")).orElseThrow();
        assertThat(settings.master()).isEqualTo("k8s://https://kubernetes.default.svc");
        assertThat(settings.kubernetesConf()).containsEntry("spark.kubernetes.container.image", "apache/spark:4.1.1")
                .containsEntry("spark.kubernetes.authenticate.driver.serviceAccountName", "sluice-spark")
                .containsEntry("spark.executor.instances", "2");
        assertThat(settings.driverMemory()).isEqualTo("1g");
        assertThat(settings.toString()).doesNotContain("s3cret").doesNotContain("key-id");
        assertThat(SparkSettings.fromEnvironment(Map.of("SLUICE_SPARK_HOME", home.toString(), "SLUICE_S3_ACCESS_KEY", "a", "SLUICE_S3_SECRET_KEY", "b")).orElseThrow().master())
                .isEqualTo("local[*]");
    }

    @Test
    void rejectsBadValuesNamingTheVariable(@TempDir Path home)
    {
        assertThatThrownBy(() -> SparkSettings.fromEnvironment(Map.of("SLUICE_SPARK_HOME", home.toString())))
                .hasMessage("SLUICE_SPARK_HOME: %s has no executable bin/spark-submit".formatted(home));
        SparkHome.layOut(home, List.of(), Path.of(System.getProperty("java.home")));
        Map<String, String> base = Map.of("SLUICE_SPARK_HOME", home.toString(), "SLUICE_S3_ACCESS_KEY", "a", "SLUICE_S3_SECRET_KEY", "b");
        assertThatThrownBy(() -> SparkSettings.fromEnvironment(with(base, "SLUICE_SPARK_MASTER", "yarn")))
                .hasMessageContaining("SLUICE_SPARK_MASTER 'yarn' must be local[*]");
        assertThatThrownBy(() -> SparkSettings.fromEnvironment(with(base, "SLUICE_SPARK_MASTER", "k8s://https://api")))
                .hasMessage("SLUICE_SPARK_K8S_IMAGE is required with master k8s://https://api");
        assertThatThrownBy(() -> SparkSettings.fromEnvironment(with(base, "SLUICE_SPARK_WORK_DIR", "/scratch/a,b")))
                .hasMessage("SLUICE_SPARK_WORK_DIR '/scratch/a,b' must not contain a comma with a local master: Spark reads its scratch folders as a comma-separated list");
        assertThatThrownBy(() -> SparkSettings.fromEnvironment(with(base, "SLUICE_SPARK_DRIVER_MEMORY", "lots")))
                .hasMessageContaining("SLUICE_SPARK_DRIVER_MEMORY 'lots'");
        assertThatThrownBy(() -> SparkSettings.fromEnvironment(Map.of("SLUICE_SPARK_HOME", home.toString())))
                .hasMessageContaining("SLUICE_S3_ACCESS_KEY is required");
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value)
    {
        Map<String, String> map = new java.util.HashMap<>(base);
        map.put(name, value);
        return map;
    }
}
