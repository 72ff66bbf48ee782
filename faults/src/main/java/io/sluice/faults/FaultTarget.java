package io.sluice.faults;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A component a fault run can break. {@link #label()} is its name on the command line, in events and in the
 * local stack ({@code s3}); {@link #component()} is the {@code app.kubernetes.io/component} label of its pods
 * in the Helm chart ({@code minio}).
 */
public enum FaultTarget
{
    KAFKA("kafka", "kafka", false),
    S3("s3", "minio", true),
    CLICKHOUSE("clickhouse", "clickhouse", true),
    TRINO("trino", "trino", true),
    GENERATOR("generator", "generator", false),
    PARQUET_LANDER("parquet-lander", "parquet-lander", false),
    CLICKHOUSE_LANDER("clickhouse-lander", "clickhouse-lander", false);

    private final String label;
    private final String component;
    private final boolean servesQueries;

    FaultTarget(String label, String component, boolean servesQueries)
    {
        this.label = label;
        this.component = component;
        this.servesQueries = servesQueries;
    }

    /** Whether some engine's queries read from it (Trino and Spark the S3 store): then only the work that needs it shows its recovery. */
    public boolean servesQueries()
    {
        return servesQueries;
    }

    public String label()
    {
        return label;
    }

    public String component()
    {
        return component;
    }

    public static Optional<FaultTarget> byLabel(String label)
    {
        requireNonNull(label, "label is null");
        return Arrays.stream(values()).filter(target -> target.label.equals(label)).findFirst();
    }

    /** The labels, comma-separated, for error messages. */
    public static String labels()
    {
        return Arrays.stream(values()).map(FaultTarget::label).collect(Collectors.joining(", "));
    }
}
