package io.sluice.ops.kafka;

import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * What a Kafka client's own metrics ({@code KafkaConsumer.metrics()}, {@code KafkaStreams.metrics()}) say about
 * its health. Those maps are live, thread-safe views, so a probe or a scrape can read them while the client's
 * thread works, without touching the (single-threaded) client itself.
 */
public final class KafkaClientHealth
{
    private static final String CONNECTION_COUNT = "connection-count";
    private static final String RECORDS_LAG = "records-lag";
    private static final String FETCH_MANAGER_GROUP = "consumer-fetch-manager-metrics";

    private KafkaClientHealth() {}

    /**
     * Whether any of the clients holds an open connection to a broker. A stopped or unreachable cluster closes
     * them within a poll; the clients reconnect on their own when it is back.
     */
    public static boolean connected(Map<MetricName, ? extends Metric> metrics)
    {
        requireNonNull(metrics, "metrics is null");
        return metrics.entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(CONNECTION_COUNT))
                .mapToDouble(entry -> value(entry.getValue()))
                .anyMatch(count -> count > 0);
    }

    /**
     * Records between the consumers' positions and the log end of {@code topic}, summed over the partitions the
     * clients fetch; empty while none of its partitions has been fetched yet.
     */
    public static OptionalDouble lag(Map<MetricName, ? extends Metric> metrics, String topic)
    {
        requireNonNull(metrics, "metrics is null");
        requireNonNull(topic, "topic is null");
        double[] lags = metrics.entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(RECORDS_LAG) && entry.getKey().group().equals(FETCH_MANAGER_GROUP))
                .filter(entry -> topic.equals(entry.getKey().tags().get("topic")) && entry.getKey().tags().containsKey("partition"))
                .mapToDouble(entry -> value(entry.getValue()))
                .filter(Double::isFinite)
                .toArray();
        return lags.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(Arrays.stream(lags).sum());
    }

    private static double value(Metric metric)
    {
        return metric.metricValue() instanceof Number number ? number.doubleValue() : Double.NaN;
    }
}
