package io.sluice.ingest.lander;

import io.sluice.schema.HostName;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.settings.EnvironmentReader;
import io.sluice.schema.topic.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.sluice.schema.Arguments.requireAtLeast;
import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * How a lander consumes: from which Kafka, which row topics, how rows are cut into batches, retries, and where
 * rejected records and events go. Sink-independent; each sink adds its own settings. Validated on
 * construction with one-line errors naming the setting; {@link #fromEnvironment} reads {@code SLUICE_LANDER_*}.
 *
 * @param sources dataset ids ({@code tpch.sf1}), benchmark ids ({@code tpch}: every scale factor of it) or single
 * tables ({@code tpch.sf1.lineitem}); the lander subscribes to the row topics of these, including topics created later
 * @param groupId the consumer group; instances with the same group share the partitions. Empty = {@code sluice-lander-<sink>}
 * @param transactionalId the producer's transactional id, stable across restarts of one instance so a restarted
 * instance fences its predecessor at once. Empty = {@code <groupId>-<host name>}
 * @param batchRows most rows in one batch (a batch also ends at every end-of-chunk marker)
 * @param batchBytes most input payload bytes in one batch
 * @param maxOpenBatches most batches open at once (one per partition); more partitions wait in turn. What a lander
 * holds is about this many batches, so the default 1 keeps it flat as partitions and scale factors grow
 * @param topicRefresh how often the subscription pattern is matched against new topics
 * @param markerWait how long an open batch's rows may wait for more records (their end-of-chunk marker) before
 * the batch gives its slot to partitions waiting for one; the partition reads them again when more records come
 */
public record LanderSettings(
        KafkaClientSettings kafka,
        List<String> sources,
        Optional<String> groupId,
        Optional<String> transactionalId,
        int batchRows,
        long batchBytes,
        int maxOpenBatches,
        Duration retryBackoffMin,
        Duration retryBackoffMax,
        String dlqTopic,
        String eventsTopic,
        Duration topicRefresh,
        Duration markerWait)
{
    public static final int DEFAULT_BATCH_ROWS = 2_000_000;
    public static final long DEFAULT_BATCH_BYTES = 512L * 1024 * 1024;
    public static final int DEFAULT_MAX_OPEN_BATCHES = 1;
    public static final Duration DEFAULT_RETRY_BACKOFF_MIN = Duration.ofMillis(500);
    public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TOPIC_REFRESH = Duration.ofSeconds(10);
    public static final Duration DEFAULT_MARKER_WAIT = Duration.ofSeconds(30);

    public static final String SOURCES_ENV = "SLUICE_LANDER_SOURCES";
    public static final String GROUP_ID_ENV = "SLUICE_LANDER_GROUP_ID";
    public static final String TRANSACTIONAL_ID_ENV = "SLUICE_LANDER_TRANSACTIONAL_ID";
    public static final String BATCH_ROWS_ENV = "SLUICE_LANDER_BATCH_ROWS";
    public static final String BATCH_BYTES_ENV = "SLUICE_LANDER_BATCH_BYTES";
    public static final String MAX_OPEN_BATCHES_ENV = "SLUICE_LANDER_MAX_OPEN_BATCHES";
    public static final String RETRY_BACKOFF_MIN_ENV = "SLUICE_LANDER_RETRY_BACKOFF_MIN_MS";
    public static final String RETRY_BACKOFF_MAX_ENV = "SLUICE_LANDER_RETRY_BACKOFF_MAX_MS";
    public static final String DLQ_TOPIC_ENV = "SLUICE_LANDER_DLQ_TOPIC";
    public static final String EVENTS_TOPIC_ENV = "SLUICE_LANDER_EVENTS_TOPIC";
    public static final String TOPIC_REFRESH_ENV = "SLUICE_LANDER_TOPIC_REFRESH_MS";
    public static final String MARKER_WAIT_ENV = "SLUICE_LANDER_MARKER_WAIT_MS";

    public LanderSettings
    {
        requireNonNull(kafka, "kafka is null");
        sources = List.copyOf(requireNonNull(sources, "sources is null"));
        try {
            checkSources(sources);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SOURCES_ENV + " " + e.getMessage(), e);
        }
        requireNonNull(groupId, "groupId is null");
        groupId.ifPresent(id -> requireText(id, GROUP_ID_ENV));
        requireNonNull(transactionalId, "transactionalId is null");
        transactionalId.ifPresent(id -> requireText(id, TRANSACTIONAL_ID_ENV));
        requireAtLeast(batchRows, 1, BATCH_ROWS_ENV);
        requireAtLeast(batchBytes, 1024, BATCH_BYTES_ENV);
        requireAtLeast(maxOpenBatches, 1, MAX_OPEN_BATCHES_ENV);
        requireNonNull(retryBackoffMin, "retryBackoffMin is null");
        requireNonNull(retryBackoffMax, "retryBackoffMax is null");
        if (retryBackoffMin.isNegative() || retryBackoffMin.isZero()) {
            throw new IllegalArgumentException("%s must be > 0, got %d".formatted(RETRY_BACKOFF_MIN_ENV, retryBackoffMin.toMillis()));
        }
        if (retryBackoffMax.compareTo(retryBackoffMin) < 0) {
            throw new IllegalArgumentException("%s (%d) must be >= %s (%d)".formatted(RETRY_BACKOFF_MAX_ENV, retryBackoffMax.toMillis(), RETRY_BACKOFF_MIN_ENV, retryBackoffMin.toMillis()));
        }
        requireText(requireNonNull(dlqTopic, "dlqTopic is null"), DLQ_TOPIC_ENV);
        requireText(requireNonNull(eventsTopic, "eventsTopic is null"), EVENTS_TOPIC_ENV);
        requireNonNull(topicRefresh, "topicRefresh is null");
        requireAtLeast(topicRefresh.toMillis(), 100, TOPIC_REFRESH_ENV);
        requireNonNull(markerWait, "markerWait is null");
        requireAtLeast(markerWait.toMillis(), 100, MARKER_WAIT_ENV);
    }

    /**
     * Defaults for everything but Kafka and the sources.
     */
    public static LanderSettings defaults(KafkaClientSettings kafka, List<String> sources)
    {
        return new LanderSettings(kafka, sources, Optional.empty(), Optional.empty(), DEFAULT_BATCH_ROWS, DEFAULT_BATCH_BYTES, DEFAULT_MAX_OPEN_BATCHES,
                DEFAULT_RETRY_BACKOFF_MIN, DEFAULT_RETRY_BACKOFF_MAX, Topics.DLQ, Topics.EVENTS, DEFAULT_TOPIC_REFRESH, DEFAULT_MARKER_WAIT);
    }

    /**
     * Reads {@code SLUICE_LANDER_*} and the {@code SLUICE_KAFKA_*} variables; unset or blank ones take their defaults.
     */
    public static LanderSettings fromEnvironment(Map<String, String> environment)
    {
        EnvironmentReader env = new EnvironmentReader(environment);
        return new LanderSettings(
                KafkaClientSettings.fromEnvironment(environment),
                env.list(SOURCES_ENV).orElse(List.of()),
                env.string(GROUP_ID_ENV),
                env.string(TRANSACTIONAL_ID_ENV),
                env.intValue(BATCH_ROWS_ENV).orElse(DEFAULT_BATCH_ROWS),
                env.longValue(BATCH_BYTES_ENV).orElse(DEFAULT_BATCH_BYTES),
                env.intValue(MAX_OPEN_BATCHES_ENV).orElse(DEFAULT_MAX_OPEN_BATCHES),
                env.millis(RETRY_BACKOFF_MIN_ENV).orElse(DEFAULT_RETRY_BACKOFF_MIN),
                env.millis(RETRY_BACKOFF_MAX_ENV).orElse(DEFAULT_RETRY_BACKOFF_MAX),
                env.get(DLQ_TOPIC_ENV, Topics::checkName).orElse(Topics.DLQ),
                env.get(EVENTS_TOPIC_ENV, Topics::checkName).orElse(Topics.EVENTS),
                env.millis(TOPIC_REFRESH_ENV).orElse(DEFAULT_TOPIC_REFRESH),
                env.millis(MARKER_WAIT_ENV).orElse(DEFAULT_MARKER_WAIT));
    }

    public String groupIdFor(Sink sink)
    {
        return groupId.orElse("sluice-lander-" + sink.label());
    }

    public String transactionalIdFor(Sink sink)
    {
        return transactionalId.orElseGet(() -> groupIdFor(sink) + "-" + HostName.current());
    }

    /**
     * The row topics of the sources: {@code <dataset>.<table>} for every table of the benchmark.
     */
    public Pattern topicPattern()
    {
        return Pattern.compile(sources.stream()
                .map(LanderSettings::sourcePattern)
                .collect(Collectors.joining("|")));
    }

    public LanderSettings withBatchRows(int rows)
    {
        return new LanderSettings(kafka, sources, groupId, transactionalId, rows, batchBytes, maxOpenBatches, retryBackoffMin, retryBackoffMax, dlqTopic, eventsTopic, topicRefresh, markerWait);
    }

    public LanderSettings withGroupId(String id)
    {
        return new LanderSettings(kafka, sources, Optional.of(id), transactionalId, batchRows, batchBytes, maxOpenBatches, retryBackoffMin, retryBackoffMax, dlqTopic, eventsTopic, topicRefresh, markerWait);
    }

    public LanderSettings withTransactionalId(String id)
    {
        return new LanderSettings(kafka, sources, groupId, Optional.of(id), batchRows, batchBytes, maxOpenBatches, retryBackoffMin, retryBackoffMax, dlqTopic, eventsTopic, topicRefresh, markerWait);
    }

    public LanderSettings withRetryBackoff(Duration min, Duration max)
    {
        return new LanderSettings(kafka, sources, groupId, transactionalId, batchRows, batchBytes, maxOpenBatches, min, max, dlqTopic, eventsTopic, topicRefresh, markerWait);
    }

    public LanderSettings withTopicRefresh(Duration refresh)
    {
        return new LanderSettings(kafka, sources, groupId, transactionalId, batchRows, batchBytes, maxOpenBatches, retryBackoffMin, retryBackoffMax, dlqTopic, eventsTopic, refresh, markerWait);
    }

    public LanderSettings withMarkerWait(Duration wait)
    {
        return new LanderSettings(kafka, sources, groupId, transactionalId, batchRows, batchBytes, maxOpenBatches, retryBackoffMin, retryBackoffMax, dlqTopic, eventsTopic, topicRefresh, wait);
    }

    /**
     * A benchmark ({@code tpch}: every scale factor), a dataset ({@code tpch.sf1}: every table) or one
     * table's row topic ({@code tpch.sf1.lineitem}).
     */
    private static String sourcePattern(String source)
    {
        int last = source.lastIndexOf('.');
        if (last < 0) {
            Benchmark benchmark = Benchmark.fromId(source);
            // canonical dataset tokens only: a topic of another spelling would fail to parse on assignment (and stop the
            // lander, again at each start) or alias the dataset it parses as
            return Pattern.quote(source) + "\\." + ScaleFactor.TOKEN_REGEX + "\\.(?:" + String.join("|", benchmark.tables()) + ")";
        }
        if (source.indexOf('.') == last) {
            DatasetId dataset = DatasetId.parse(source);
            return Pattern.quote(dataset.toString()) + "\\.(?:" + String.join("|", dataset.benchmark().tables()) + ")";
        }
        DatasetId dataset = DatasetId.parse(source.substring(0, last));
        return Pattern.quote(dataset + "." + dataset.benchmark().checkTable(source.substring(last + 1)));
    }

    /**
     * Checks what a lander is to read, from {@value #SOURCES_ENV} or an option that stands in for it. The message
     * continues the name of the setting or option: "is empty; …" or "entry 'x' is neither …".
     */
    public static void checkSources(List<String> sources)
    {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("is empty; name dataset ids (tpch.sf1), benchmarks (tpch) or tables (tpch.sf1.lineitem), comma-separated");
        }
        for (String source : sources) {
            try {
                sourcePattern(requireNonNull(source, "source is null"));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("entry '%s' is neither a benchmark (tpch), a dataset id (tpch.sf1) nor a table (tpch.sf1.lineitem): %s".formatted(source, e.getMessage()), e);
            }
        }
    }
}
