package io.sluice.loaders.s3;

import io.sluice.schema.settings.EnvironmentReader;

import java.net.URI;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Where the S3 store (MinIO, s3proxy, AWS) is and how to sign requests. {@link #toString()} hides the keys.
 *
 * @param createBucket whether a missing bucket is created ({@code true}) or reported as an error
 */
public record S3Settings(URI endpoint, String bucket, String region, String accessKey, String secretKey, boolean createBucket)
{
    public static final String ENDPOINT_ENV = "SLUICE_S3_ENDPOINT";
    public static final String BUCKET_ENV = "SLUICE_S3_BUCKET";
    public static final String REGION_ENV = "SLUICE_S3_REGION";
    public static final String ACCESS_KEY_ENV = "SLUICE_S3_ACCESS_KEY";
    public static final String SECRET_KEY_ENV = "SLUICE_S3_SECRET_KEY";
    public static final String CREATE_BUCKET_ENV = "SLUICE_S3_CREATE_BUCKET";

    public static final String DEFAULT_ENDPOINT = "http://127.0.0.1:9000";
    public static final String DEFAULT_BUCKET = "sluice";
    public static final String DEFAULT_REGION = "us-east-1";
    public static final boolean DEFAULT_CREATE_BUCKET = true;

    public S3Settings
    {
        requireNonNull(endpoint, "endpoint is null");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("%s '%s' is not an http(s)://host:port URL".formatted(ENDPOINT_ENV, endpoint));
        }
        requireNonNull(bucket, "bucket is null");
        // S3 bucket naming: 3-63 characters of lower-case letters, digits, dots and hyphens
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("%s '%s' is not a valid bucket name (3-63 of a-z 0-9 . -)".formatted(BUCKET_ENV, bucket));
        }
        requireNonNull(region, "region is null");
        if (region.isBlank()) {
            throw new IllegalArgumentException(REGION_ENV + " is blank");
        }
        requireNonNull(accessKey, "accessKey is null");
        requireNonNull(secretKey, "secretKey is null");
        if (accessKey.isBlank()) {
            throw new IllegalArgumentException(ACCESS_KEY_ENV + " is not set; give the S3 store's access key");
        }
        if (secretKey.isBlank()) {
            throw new IllegalArgumentException(SECRET_KEY_ENV + " is not set; give the S3 store's secret key");
        }
    }

    /**
     * Reads the {@code SLUICE_S3_*} variables; unset or blank ones take their defaults, the keys have none.
     */
    public static S3Settings fromEnvironment(Map<String, String> environment)
    {
        EnvironmentReader env = new EnvironmentReader(environment);
        String endpoint = env.string(ENDPOINT_ENV).orElse(DEFAULT_ENDPOINT);
        URI uri;
        try {
            uri = URI.create(endpoint);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("%s '%s' is not a URL: %s".formatted(ENDPOINT_ENV, endpoint, e.getMessage()), e);
        }
        return new S3Settings(
                uri,
                env.string(BUCKET_ENV).orElse(DEFAULT_BUCKET),
                env.string(REGION_ENV).orElse(DEFAULT_REGION),
                env.string(ACCESS_KEY_ENV).orElse(""),
                env.string(SECRET_KEY_ENV).orElse(""),
                env.bool(CREATE_BUCKET_ENV).orElse(DEFAULT_CREATE_BUCKET));
    }

    @Override
    public String toString()
    {
        return "S3Settings{endpoint=%s, bucket=%s, region=%s, accessKey=***, secretKey=***, createBucket=%s}".formatted(endpoint, bucket, region, createBucket);
    }
}
