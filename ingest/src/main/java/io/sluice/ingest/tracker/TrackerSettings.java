package io.sluice.ingest.tracker;

import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.settings.EnvironmentReader;
import io.sluice.schema.topic.Topics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.sluice.schema.Arguments.requireAtLeast;
import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * How the completion tracker runs. Validated on construction with one-line errors naming the setting;
 * {@link #fromEnvironment} reads {@code SLUICE_TRACKER_*} and the {@code SLUICE_KAFKA_*} variables.
 *
 * @param applicationId the Kafka Streams application id: consumer group, transactional id and internal topic prefix.
 * Instances with the same id share the work; the state belongs to it
 * @param stateDir where the state stores live on local disk (they are rebuilt from their changelogs when missing)
 * @param landTimeout how long after the tracker saw a {@code ChunkProduced} every expected sink must have landed it,
 * unless the sink landed another chunk of the dataset within that time (then it is late, not stuck)
 * @param checkInterval how often (wall clock) overdue chunks are looked for
 * @param expectedSinks the sinks that must land every chunk; each gets its own {@code TableReady} and {@code DatasetReady}
 * @param eventsTopic read and written: {@code ChunkProduced}, {@code ChunkLanded}, {@code DatasetPlanned} in;
 * {@code TableReady}, {@code DatasetReady}, {@code DatasetFailed} out
 * @param replicationFactor of the changelog topics; -1 = the broker's default
 * @param stateMemoryBytes the memory all state stores of the process share, RocksDB's block cache and memtables together
 * @param standbyReplicas warm copies of each task's state kept by other instances, so a task that moves (a pod replaced)
 * need not restore its whole changelog; more than the other instances can hold only makes Kafka Streams warn
 */
public record TrackerSettings(
        KafkaClientSettings kafka,
        String applicationId,
        Path stateDir,
        Duration landTimeout,
        Duration checkInterval,
        Set<Sink> expectedSinks,
        String eventsTopic,
        int replicationFactor,
        long stateMemoryBytes,
        int standbyReplicas)
{
    public static final String DEFAULT_APPLICATION_ID = "sluice-tracker";
    public static final Duration DEFAULT_LAND_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofSeconds(10);
    public static final Set<Sink> DEFAULT_EXPECTED_SINKS = Set.copyOf(EnumSet.allOf(Sink.class));
    public static final int DEFAULT_REPLICATION_FACTOR = -1;
    public static final long DEFAULT_STATE_MEMORY_BYTES = 64L << 20;
    private static final long MIN_STATE_MEMORY_BYTES = 8L << 20;
    public static final int DEFAULT_STANDBY_REPLICAS = 0;

    public static final String APPLICATION_ID_ENV = "SLUICE_TRACKER_APPLICATION_ID";
    public static final String STATE_DIR_ENV = "SLUICE_TRACKER_STATE_DIR";
    public static final String LAND_TIMEOUT_ENV = "SLUICE_TRACKER_LAND_TIMEOUT_MS";
    public static final String CHECK_INTERVAL_ENV = "SLUICE_TRACKER_CHECK_INTERVAL_MS";
    public static final String EXPECTED_SINKS_ENV = "SLUICE_TRACKER_SINKS";
    public static final String EVENTS_TOPIC_ENV = "SLUICE_TRACKER_EVENTS_TOPIC";
    public static final String REPLICATION_FACTOR_ENV = "SLUICE_TRACKER_REPLICATION_FACTOR";
    public static final String STATE_MEMORY_ENV = "SLUICE_TRACKER_STATE_MEMORY_BYTES";
    public static final String STANDBY_REPLICAS_ENV = "SLUICE_TRACKER_STANDBY_REPLICAS";

    public TrackerSettings
    {
        requireNonNull(kafka, "kafka is null");
        requireText(applicationId, APPLICATION_ID_ENV);
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(landTimeout, "landTimeout is null");
        requireAtLeast(landTimeout.toMillis(), 1, LAND_TIMEOUT_ENV);
        requireNonNull(checkInterval, "checkInterval is null");
        requireAtLeast(checkInterval.toMillis(), 10, CHECK_INTERVAL_ENV);
        requireNonNull(expectedSinks, "expectedSinks is null");
        if (expectedSinks.isEmpty()) {
            throw new IllegalArgumentException(EXPECTED_SINKS_ENV + " is empty; name parquet, clickhouse or both, comma-separated");
        }
        expectedSinks = Set.copyOf(expectedSinks);
        requireText(eventsTopic, EVENTS_TOPIC_ENV);
        if (replicationFactor != -1 && replicationFactor < 1) {
            throw new IllegalArgumentException("%s must be -1 (broker default) or >= 1, got %d".formatted(REPLICATION_FACTOR_ENV, replicationFactor));
        }
        requireAtLeast(stateMemoryBytes, MIN_STATE_MEMORY_BYTES, STATE_MEMORY_ENV);
        requireAtLeast(standbyReplicas, 0, STANDBY_REPLICAS_ENV);
    }

    public static TrackerSettings defaults(KafkaClientSettings kafka)
    {
        return new TrackerSettings(kafka, DEFAULT_APPLICATION_ID, defaultStateDir(), DEFAULT_LAND_TIMEOUT, DEFAULT_CHECK_INTERVAL,
                DEFAULT_EXPECTED_SINKS, Topics.EVENTS, DEFAULT_REPLICATION_FACTOR, DEFAULT_STATE_MEMORY_BYTES,
                DEFAULT_STANDBY_REPLICAS);
    }

    /**
     * Reads {@code SLUICE_TRACKER_*} and {@code SLUICE_KAFKA_*}; unset or blank ones take their defaults.
     */
    public static TrackerSettings fromEnvironment(Map<String, String> environment)
    {
        EnvironmentReader env = new EnvironmentReader(environment);
        return new TrackerSettings(
                KafkaClientSettings.fromEnvironment(environment),
                env.string(APPLICATION_ID_ENV).orElse(DEFAULT_APPLICATION_ID),
                env.string(STATE_DIR_ENV).map(Path::of).orElseGet(TrackerSettings::defaultStateDir),
                env.millis(LAND_TIMEOUT_ENV).orElse(DEFAULT_LAND_TIMEOUT),
                env.millis(CHECK_INTERVAL_ENV).orElse(DEFAULT_CHECK_INTERVAL),
                env.enumSet(EXPECTED_SINKS_ENV, Sink.class, "sink").orElse(DEFAULT_EXPECTED_SINKS),
                env.get(EVENTS_TOPIC_ENV, Topics::checkName).orElse(Topics.EVENTS),
                env.intValue(REPLICATION_FACTOR_ENV).orElse(DEFAULT_REPLICATION_FACTOR),
                env.longValue(STATE_MEMORY_ENV).orElse(DEFAULT_STATE_MEMORY_BYTES),
                env.intValue(STANDBY_REPLICAS_ENV).orElse(DEFAULT_STANDBY_REPLICAS));
    }

    public TrackerSettings withApplicationId(String id)
    {
        return new TrackerSettings(kafka, id, stateDir, landTimeout, checkInterval, expectedSinks, eventsTopic, replicationFactor, stateMemoryBytes, standbyReplicas);
    }

    public TrackerSettings withStateDir(Path dir)
    {
        return new TrackerSettings(kafka, applicationId, dir, landTimeout, checkInterval, expectedSinks, eventsTopic, replicationFactor, stateMemoryBytes, standbyReplicas);
    }

    public TrackerSettings withLandTimeout(Duration timeout)
    {
        return new TrackerSettings(kafka, applicationId, stateDir, timeout, checkInterval, expectedSinks, eventsTopic, replicationFactor, stateMemoryBytes, standbyReplicas);
    }

    public TrackerSettings withCheckInterval(Duration interval)
    {
        return new TrackerSettings(kafka, applicationId, stateDir, landTimeout, interval, expectedSinks, eventsTopic, replicationFactor, stateMemoryBytes, standbyReplicas);
    }

    public TrackerSettings withExpectedSinks(Set<Sink> sinks)
    {
        return new TrackerSettings(kafka, applicationId, stateDir, landTimeout, checkInterval, sinks, eventsTopic, replicationFactor, stateMemoryBytes, standbyReplicas);
    }

    public TrackerSettings withEventsTopic(String topic)
    {
        return new TrackerSettings(kafka, applicationId, stateDir, landTimeout, checkInterval, expectedSinks, topic, replicationFactor, stateMemoryBytes, standbyReplicas);
    }

    private static Path defaultStateDir()
    {
        return Path.of(System.getProperty("java.io.tmpdir"), "sluice-tracker");
    }
}
