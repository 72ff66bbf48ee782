package io.sluice.schema.topic;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The Kafka topic names of the pipeline. Keys and values per topic are described in the module README.
 */
public final class Topics
{
    /** Commands ({@code GenerateDataset}, {@code RunBenchmark}, {@code RunFault}), keyed by run id. */
    public static final String CONTROL = "sluice.control";
    /** Pipeline events (every {@code PipelineEvent} type), keyed by {@code PipelineEvent.key()}. */
    public static final String EVENTS = "sluice.events";
    /** One {@code QueryResult} per timed query execution, keyed by run id. */
    public static final String RESULTS = "sluice.results";
    /** Records no consumer could decode or apply, keyed by source topic, with the reason in headers. */
    public static final String DLQ = "sluice.dlq";

    /** DLQ record header: why the record was rejected (one line, e.g. the decoding exception's message). */
    public static final String DLQ_REASON_HEADER = "sluice.reason";
    /** DLQ record header: the partition of the rejected record in its source topic, as decimal text. */
    public static final String DLQ_SOURCE_PARTITION_HEADER = "sluice.source.partition";
    /** DLQ record header: the offset of the rejected record in its source partition, as decimal text. */
    public static final String DLQ_SOURCE_OFFSET_HEADER = "sluice.source.offset";

    private Topics() {}

    /**
     * The settings a system topic is created with. {@link #EVENTS} is kept for good: it is the record of what was
     * produced and landed, so a rerun of a dataset resumes from it and a wait finds its {@code DatasetReady} there;
     * with the broker's default retention (7 days) a rerun a week later would find nothing, generate every row again,
     * and both sinks would land them a second time.
     */
    public static Map<String, String> config(String topic)
    {
        return EVENTS.equals(requireNonNull(topic, "topic is null")) ? Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1") : Map.of();
    }

    /**
     * The name, if Kafka allows it for a topic; otherwise fails with Kafka's reason. For topic settings, which the
     * Kafka clients would refuse only when a record is first sent there.
     */
    public static String checkName(String name)
    {
        try {
            Topic.validate(requireNonNull(name, "name is null"));
            return name;
        }
        catch (InvalidTopicException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /**
     * The row topic of one table of a data set: {@code tpch.sf1.lineitem}, {@code tpch.sf0_01.orders}.
     */
    public static String rows(Benchmark benchmark, ScaleFactor scaleFactor, String table)
    {
        return rows(new DatasetId(benchmark, scaleFactor), table);
    }

    public static String rows(DatasetId dataset, String table)
    {
        requireNonNull(dataset, "dataset is null");
        return dataset + "." + dataset.benchmark().checkTable(table);
    }
}
