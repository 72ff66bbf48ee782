package io.sluice.ingest.registration;

import io.sluice.loaders.s3.S3Settings;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.settings.EnvironmentReader;
import io.sluice.schema.topic.Topics;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static io.sluice.schema.Arguments.requireAtLeast;
import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * Where landed Parquet tables are registered: a Trino coordinator's Hive catalog over the bucket the Parquet
 * lander writes to. {@link #fromEnvironment} reads {@code SLUICE_TRINO_*}, {@code SLUICE_S3_BUCKET},
 * {@code SLUICE_REGISTRATION_*} and {@code SLUICE_KAFKA_*}. The password, if any, is never in {@link #toString()}.
 *
 * @param groupId the consumer group of the {@link RegistrationService} on {@code sluice.events}
 * @param retryBackoff wait between attempts when Trino cannot register (it keeps trying; Kafka holds the event)
 */
public record RegistrationSettings(
        KafkaClientSettings kafka,
        String groupId,
        String eventsTopic,
        String trinoJdbcUrl,
        String trinoUser,
        Optional<String> trinoPassword,
        String catalog,
        String bucket,
        Duration retryBackoff)
{
    public static final String DEFAULT_GROUP_ID = "sluice-registration";
    public static final String DEFAULT_TRINO_JDBC_URL = "jdbc:trino://127.0.0.1:8080";
    public static final String DEFAULT_TRINO_USER = "sluice";
    public static final String DEFAULT_CATALOG = "hive";
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(5);

    public static final String GROUP_ID_ENV = "SLUICE_REGISTRATION_GROUP_ID";
    public static final String EVENTS_TOPIC_ENV = "SLUICE_REGISTRATION_EVENTS_TOPIC";
    public static final String TRINO_JDBC_URL_ENV = "SLUICE_TRINO_JDBC_URL";
    public static final String TRINO_USER_ENV = "SLUICE_TRINO_USER";
    public static final String TRINO_PASSWORD_ENV = "SLUICE_TRINO_PASSWORD";
    public static final String CATALOG_ENV = "SLUICE_TRINO_CATALOG";
    public static final String RETRY_BACKOFF_ENV = "SLUICE_REGISTRATION_RETRY_BACKOFF_MS";

    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public RegistrationSettings
    {
        requireNonNull(kafka, "kafka is null");
        requireText(groupId, GROUP_ID_ENV);
        requireText(eventsTopic, EVENTS_TOPIC_ENV);
        requireText(trinoJdbcUrl, TRINO_JDBC_URL_ENV);
        if (!trinoJdbcUrl.startsWith("jdbc:trino://")) {
            throw new IllegalArgumentException("%s '%s' is not a Trino JDBC URL; use jdbc:trino://host:port".formatted(TRINO_JDBC_URL_ENV, trinoJdbcUrl));
        }
        requireText(trinoUser, TRINO_USER_ENV);
        requireNonNull(trinoPassword, "trinoPassword is null");
        requireText(catalog, CATALOG_ENV);
        // the registrar writes it into CREATE statements as it is, so only a plain identifier may pass
        if (!PLAIN_IDENTIFIER.matcher(catalog).matches()) {
            throw new IllegalArgumentException("%s '%s' is not a plain Trino catalog name: letters, digits and _, not starting with a digit".formatted(CATALOG_ENV, catalog));
        }
        requireText(bucket, S3Settings.BUCKET_ENV);
        requireNonNull(retryBackoff, "retryBackoff is null");
        requireAtLeast(retryBackoff.toMillis(), 1, RETRY_BACKOFF_ENV);
    }

    public static RegistrationSettings defaults(KafkaClientSettings kafka, String trinoJdbcUrl, String bucket)
    {
        return new RegistrationSettings(kafka, DEFAULT_GROUP_ID, Topics.EVENTS, trinoJdbcUrl, DEFAULT_TRINO_USER, Optional.empty(), DEFAULT_CATALOG, bucket, DEFAULT_RETRY_BACKOFF);
    }

    public static RegistrationSettings fromEnvironment(Map<String, String> environment)
    {
        EnvironmentReader env = new EnvironmentReader(environment);
        return new RegistrationSettings(
                KafkaClientSettings.fromEnvironment(environment),
                env.string(GROUP_ID_ENV).orElse(DEFAULT_GROUP_ID),
                env.get(EVENTS_TOPIC_ENV, Topics::checkName).orElse(Topics.EVENTS),
                env.string(TRINO_JDBC_URL_ENV).orElse(DEFAULT_TRINO_JDBC_URL),
                env.string(TRINO_USER_ENV).orElse(DEFAULT_TRINO_USER),
                env.string(TRINO_PASSWORD_ENV),
                env.string(CATALOG_ENV).orElse(DEFAULT_CATALOG),
                env.string(S3Settings.BUCKET_ENV).orElse(S3Settings.DEFAULT_BUCKET),
                env.millis(RETRY_BACKOFF_ENV).orElse(DEFAULT_RETRY_BACKOFF));
    }

    @Override
    public String toString()
    {
        return "RegistrationSettings{kafka=%s, groupId=%s, eventsTopic=%s, trinoJdbcUrl=%s, trinoUser=%s, trinoPassword=%s, catalog=%s, bucket=%s, retryBackoff=%s}".formatted(
                kafka, groupId, eventsTopic, trinoJdbcUrl, trinoUser, trinoPassword.map(_ -> "***").orElse("-"), catalog, bucket, retryBackoff);
    }
}
