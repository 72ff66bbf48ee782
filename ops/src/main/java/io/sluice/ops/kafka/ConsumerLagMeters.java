package io.sluice.ops.kafka;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * {@code sluice_consumer_lag{group,topic}}: one gauge per topic a consumer group reads, computed at scrape time
 * from the client's {@code records-lag} metrics ({@link KafkaClientHealth#lag}) or from what the consumer measured
 * itself ({@link PartitionLags}); NaN until the topic's partitions are fetched or measured. Topics are added as the
 * service learns them (e.g. on partition assignment).
 */
public final class ConsumerLagMeters
{
    public static final String NAME = "sluice.consumer.lag";

    private final MeterRegistry registry;
    private final String group;
    private final Function<String, OptionalDouble> lagOfTopic;
    private final Set<String> tracked = ConcurrentHashMap.newKeySet();

    /**
     * @param metrics the consumer's live metrics view, e.g. {@code consumer::metrics} or {@code streams::metrics}
     */
    public ConsumerLagMeters(MeterRegistry registry, String group, Supplier<Map<MetricName, ? extends Metric>> metrics)
    {
        this(registry, group, clientMetricsLag(requireNonNull(metrics, "metrics is null")));
    }

    public ConsumerLagMeters(MeterRegistry registry, String group, PartitionLags measured)
    {
        this(registry, group, requireNonNull(measured, "measured is null")::ofTopic);
    }

    private ConsumerLagMeters(MeterRegistry registry, String group, Function<String, OptionalDouble> lagOfTopic)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.group = requireNonNull(group, "group is null");
        this.lagOfTopic = lagOfTopic;
    }

    private static Function<String, OptionalDouble> clientMetricsLag(Supplier<Map<MetricName, ? extends Metric>> metrics)
    {
        return topic -> KafkaClientHealth.lag(metrics.get(), topic);
    }

    public void track(String topic)
    {
        requireNonNull(topic, "topic is null");
        if (tracked.add(topic)) {
            Gauge.builder(NAME, this, meters -> meters.lagOfTopic.apply(topic).orElse(Double.NaN))
                    .tag("group", group)
                    .tag("topic", topic)
                    .description("records behind the log end, summed over the group's partitions this process reads")
                    .strongReference(true)
                    .register(registry);
        }
    }
}
