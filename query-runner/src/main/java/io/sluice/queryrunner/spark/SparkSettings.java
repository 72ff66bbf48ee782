package io.sluice.queryrunner.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How the Spark driver submits its application. {@code sparkHome} has {@code bin/spark-submit} and
 * {@code jars/} ({@link SparkHome} lays one out from Maven jars); {@code master} is {@code local[*]} on the
 * local stack or {@code k8s://https://…} in a cluster, where {@code kubernetesConf} carries the image,
 * service account, namespace and resources as Spark properties. The S3 store's keys are passed to the
 * application in its environment (never on a command line); {@code toString} hides them.
 */
public record SparkSettings(
        Path sparkHome,
        String master,
        Path workDir,
        String s3Endpoint,
        String bucket,
        String region,
        String accessKey,
        String secretKey,
        String driverMemory,
        Duration startTimeout,
        Map<String, String> kubernetesConf)
{
    public static final String SPARK_HOME_ENV = "SLUICE_SPARK_HOME";
    public static final String MASTER_ENV = "SLUICE_SPARK_MASTER";
    public static final String WORK_DIR_ENV = "SLUICE_SPARK_WORK_DIR";
    public static final String DRIVER_MEMORY_ENV = "SLUICE_SPARK_DRIVER_MEMORY";
    public static final String K8S_IMAGE_ENV = "SLUICE_SPARK_K8S_IMAGE";
    public static final String K8S_NAMESPACE_ENV = "SLUICE_SPARK_K8S_NAMESPACE";
    public static final String K8S_SERVICE_ACCOUNT_ENV = "SLUICE_SPARK_K8S_SERVICE_ACCOUNT";
    public static final String EXECUTOR_INSTANCES_ENV = "SLUICE_SPARK_EXECUTOR_INSTANCES";
    public static final String EXECUTOR_MEMORY_ENV = "SLUICE_SPARK_EXECUTOR_MEMORY";

    public static final String DEFAULT_MASTER = "local[*]";
    public static final String DEFAULT_DRIVER_MEMORY = "1g";
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofMinutes(3);

    public SparkSettings
    {
        requireNonNull(sparkHome, "sparkHome is null");
        requireNonNull(master, "master is null");
        requireNonNull(workDir, "workDir is null");
        requireNonNull(s3Endpoint, "s3Endpoint is null");
        requireNonNull(bucket, "bucket is null");
        requireNonNull(region, "region is null");
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        requireNonNull(driverMemory, "driverMemory is null");
        requireNonNull(startTimeout, "startTimeout is null");
        kubernetesConf = Map.copyOf(kubernetesConf);
        if (!isLocal(master) && !master.startsWith("k8s://")) {
            throw new IllegalArgumentException("%s '%s' must be local[*] (or local[N]) or k8s://https://<api server>".formatted(MASTER_ENV, master));
        }
        if (isLocal(master) && workDir.toAbsolutePath().toString().contains(",")) {
            // with a local master each application's scratch folder under it becomes SPARK_LOCAL_DIRS
            throw new IllegalArgumentException("%s '%s' must not contain a comma with a local master: Spark reads its scratch folders as a comma-separated list"
                    .formatted(WORK_DIR_ENV, workDir.toAbsolutePath()));
        }
        if (!driverMemory.matches("\\d+[kmgKMG]")) {
            throw new IllegalArgumentException("%s '%s' must be a JVM size such as 1g or 768m".formatted(DRIVER_MEMORY_ENV, driverMemory));
        }
    }

    /**
     * Spark settings when {@code SLUICE_SPARK_HOME} is set; the S3 store from {@code SLUICE_S3_*}.
     */
    public static Optional<SparkSettings> fromEnvironment(Map<String, String> environment)
    {
        requireNonNull(environment, "environment is null");
        Optional<String> home = value(environment, SPARK_HOME_ENV);
        if (home.isEmpty()) {
            return Optional.empty();
        }
        if (!Files.isExecutable(Path.of(home.get(), "bin", "spark-submit"))) {
            throw new IllegalArgumentException("%s: %s has no executable bin/spark-submit".formatted(SPARK_HOME_ENV, home.get()));
        }
        String master = value(environment, MASTER_ENV).orElse(DEFAULT_MASTER);
        Map<String, String> kubernetes = new java.util.TreeMap<>();
        value(environment, K8S_IMAGE_ENV).ifPresent(image -> kubernetes.put("spark.kubernetes.container.image", image));
        value(environment, K8S_NAMESPACE_ENV).ifPresent(namespace -> kubernetes.put("spark.kubernetes.namespace", namespace));
        value(environment, K8S_SERVICE_ACCOUNT_ENV).ifPresent(account -> kubernetes.put("spark.kubernetes.authenticate.driver.serviceAccountName", account));
        value(environment, EXECUTOR_INSTANCES_ENV).ifPresent(instances -> kubernetes.put("spark.executor.instances", instances));
        value(environment, EXECUTOR_MEMORY_ENV).ifPresent(memory -> kubernetes.put("spark.executor.memory", memory));
        if (master.startsWith("k8s://") && !kubernetes.containsKey("spark.kubernetes.container.image")) {
            throw new IllegalArgumentException("%s is required with master %s".formatted(K8S_IMAGE_ENV, master));
        }
        return Optional.of(new SparkSettings(
                Path.of(home.get()),
                master,
                value(environment, WORK_DIR_ENV).map(Path::of).orElse(Path.of(System.getProperty("java.io.tmpdir"), "sluice-spark")),
                value(environment, "SLUICE_S3_ENDPOINT").orElse("http://127.0.0.1:9000"),
                value(environment, "SLUICE_S3_BUCKET").orElse("sluice"),
                value(environment, "SLUICE_S3_REGION").orElse("us-east-1"),
                value(environment, "SLUICE_S3_ACCESS_KEY").orElseThrow(() -> new IllegalArgumentException("SLUICE_S3_ACCESS_KEY is required for Spark to read the Parquet objects")),
                value(environment, "SLUICE_S3_SECRET_KEY").orElseThrow(() -> new IllegalArgumentException("SLUICE_S3_SECRET_KEY is required for Spark to read the Parquet objects")),
                value(environment, DRIVER_MEMORY_ENV).orElse(DEFAULT_DRIVER_MEMORY),
                DEFAULT_START_TIMEOUT,
                kubernetes));
    }

    /** Whether the application runs in the driver's JVM ({@code local[*]}) rather than on Kubernetes. */
    public boolean localMaster()
    {
        return isLocal(master);
    }

    private static boolean isLocal(String master)
    {
        return master.startsWith("local");
    }

    private static Optional<String> value(Map<String, String> environment, String name)
    {
        return Optional.ofNullable(environment.get(name)).map(String::strip).filter(text -> !text.isEmpty());
    }

    @Override
    public String toString()
    {
        return "SparkSettings[sparkHome=%s, master=%s, workDir=%s, s3Endpoint=%s, bucket=%s, region=%s, accessKey=***, secretKey=***, driverMemory=%s, kubernetesConf=%s]"
                .formatted(sparkHome, master, workDir, s3Endpoint, bucket, region, driverMemory, kubernetesConf);
    }
}
