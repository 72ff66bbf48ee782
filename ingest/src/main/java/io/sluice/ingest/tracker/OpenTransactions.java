package io.sluice.ingest.tracker;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeProducersResult.PartitionProducerState;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Kafka's side of a dataset that does not become ready: the row partitions that {@code read_committed} consumers
 * (the landers) cannot read to their end, because a transaction is open there, and who holds it. A lander stuck
 * on such a partition is waiting for Kafka, not failing; this tells the two apart when a wait times out.
 */
final class OpenTransactions
{
    private OpenTransactions() {}

    /**
     * @return one line per partition whose last stable offset stands behind its log end (empty if none), or a line
     * saying why Kafka could not be asked; never throws
     */
    static String describe(KafkaClientSettings kafka, DatasetId dataset, Collection<String> tables, Duration timeout)
    {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(dataset, "dataset is null");
        try (Admin admin = Admin.create(kafka.toClientProperties())) {
            // a table whose topic is missing has nothing open (the generator creates them all before it writes)
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> topics = tables.stream().map(table -> Topics.rows(dataset, table)).filter(existing::contains).sorted().toList();
            Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = described.values().stream()
                    .flatMap(topic -> topic.partitions().stream().map(partition -> new TopicPartition(topic.name(), partition.partition())))
                    .collect(Collectors.toMap(Function.identity(), _ -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> stable = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED)).all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<TopicPartition> behind = latest.keySet().stream()
                    .filter(partition -> stable.get(partition).offset() < end.get(partition).offset())
                    .sorted(Comparator.comparing(TopicPartition::toString))
                    .toList();
            if (behind.isEmpty()) {
                return "";
            }
            Map<TopicPartition, PartitionProducerState> producers = admin.describeProducers(behind).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            StringBuilder lines = new StringBuilder();
            for (TopicPartition partition : behind) {
                lines.append("%n  kafka: %s is readable (read_committed) to offset %d of %d; open transactions: %s".formatted(
                        partition, stable.get(partition).offset(), end.get(partition).offset(), openTransactions(producers.get(partition))));
            }
            return lines.toString();
        }
        catch (ExecutionException | TimeoutException | RuntimeException e) {
            return "%n  kafka: could not look for open transactions on %s's row topics: %s".formatted(dataset, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "%n  kafka: interrupted while looking for open transactions".formatted();
        }
    }

    private static String openTransactions(PartitionProducerState state)
    {
        List<String> open = state == null ? List.of() : state.activeProducers().stream()
                .filter(producer -> producer.currentTransactionStartOffset().isPresent())
                .map(OpenTransactions::describe)
                .toList();
        return open.isEmpty() ? "none reported" : String.join(", ", open);
    }

    private static String describe(ProducerState producer)
    {
        return "producer id %d epoch %d since offset %d (last write at %s)".formatted(producer.producerId(), producer.producerEpoch(),
                producer.currentTransactionStartOffset().getAsLong(), Instant.ofEpochMilli(producer.lastTimestamp()));
    }
}
