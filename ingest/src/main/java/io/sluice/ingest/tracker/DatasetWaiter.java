package io.sluice.ingest.tracker;

import io.sluice.schema.DurationText;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Waits for a dataset's {@code DatasetReady} in the given sinks by reading {@code sluice.events} from the
 * beginning ({@code read_committed}, no consumer group), so a dataset that became ready before the wait
 * began is found too. Ends at the first {@code DatasetFailed} of an awaited sink (the tracker's, final), or at a
 * generator's (without a sink) that no later {@code DatasetPlanned} or {@code DatasetReady} got over; failures are
 * judged once the log as it was at the start has been read.
 */
public final class DatasetWaiter
{
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration HEARTBEAT = Duration.ofSeconds(1);
    private static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClientSettings kafka;
    private final String eventsTopic;
    private final MessageCodec<PipelineEvent> events = Messages.events();

    public DatasetWaiter(KafkaClientSettings kafka, String eventsTopic)
    {
        this.kafka = requireNonNull(kafka, "kafka is null");
        this.eventsTopic = requireNonNull(eventsTopic, "eventsTopic is null");
    }

    /**
     * @param progress called after each poll that showed something new, and at least every {@link #HEARTBEAT} while
     * none does: a caller checks its own services there (a lander that stopped sends nothing more), and a display
     * shows that the wait goes on
     * @return the {@code DatasetReady} of each awaited sink
     * @throws DatasetWaitException if the dataset failed in an awaited sink, or on timeout
     */
    public Map<Sink, DatasetReady> await(DatasetId dataset, Set<Sink> sinks, Duration timeout, Consumer<DatasetProgress> progress)
            throws InterruptedException
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(sinks, "sinks is null");
        if (sinks.isEmpty()) {
            throw new IllegalArgumentException("no sinks to wait for");
        }
        requireNonNull(timeout, "timeout is null");
        requireNonNull(progress, "progress is null");
        DatasetEvents seen = new DatasetEvents(dataset);
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.toSeekingReaderProperties("sluice-dataset-waiter"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = eventPartitions(consumer, dataset, sinks, timeout, deadline, seen);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // a failure is judged only once what was there at the start has been read: what came after it may end it
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            boolean caughtUp = false;
            long lastProgress = System.nanoTime();
            while (true) {
                boolean changed = false;
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (dataset.toString().equals(record.key())) {
                        changed |= events.decodeIfKnown(record.value()).map(seen::add).orElse(false);
                    }
                }
                if (changed || System.nanoTime() - lastProgress >= HEARTBEAT.toNanos()) {
                    progress.accept(seen.progress());
                    lastProgress = System.nanoTime();
                }
                caughtUp = caughtUp || partitions.stream().allMatch(partition -> consumer.position(partition) >= end.get(partition));
                Optional<DatasetFailed> failed = caughtUp
                        ? seen.failures().stream().filter(event -> event.sink().isEmpty() || sinks.contains(event.sink().get())).findFirst()
                        : Optional.empty();
                if (failed.isPresent()) {
                    DatasetFailed event = failed.get();
                    throw new DatasetWaitException("%s failed%s: %s".formatted(dataset, event.sink().map(sink -> " in " + sink.label()).orElse(""), event.reason()),
                            failed, seen.progress());
                }
                Map<Sink, DatasetReady> ready = seen.ready();
                if (ready.keySet().containsAll(sinks)) {
                    Map<Sink, DatasetReady> awaited = new EnumMap<>(Sink.class);
                    sinks.forEach(sink -> awaited.put(sink, ready.get(sink)));
                    return Map.copyOf(awaited);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new DatasetWaitException("%s is not ready in %s after %s (ready in: %s)%s".formatted(dataset, names(sinks), DurationText.of(timeout), names(ready.keySet()),
                            seen.missing(sinks) + rowTopics(dataset, seen)),
                            Optional.empty(), seen.progress());
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for " + dataset);
                }
            }
        }
    }

    /**
     * The events topic's partitions, once it exists: a Kafka that nothing was generated into has none yet.
     */
    private List<TopicPartition> eventPartitions(KafkaConsumer<String, byte[]> consumer, DatasetId dataset, Set<Sink> sinks, Duration timeout, Instant deadline, DatasetEvents seen)
            throws InterruptedException
    {
        while (true) {
            List<TopicPartition> partitions = consumer.partitionsFor(eventsTopic, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            if (!partitions.isEmpty()) {
                return partitions;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DatasetWaitException("%s is not ready in %s after %s: Kafka has no topic %s (nothing has been generated or landed there)".formatted(dataset, names(sinks), DurationText.of(timeout), eventsTopic),
                        Optional.empty(), seen.progress());
            }
            Thread.sleep(POLL);
        }
    }

    private static String names(Set<Sink> sinks)
    {
        return sinks.isEmpty() ? "none" : sinks.stream().sorted().map(Sink::label).collect(Collectors.joining(", "));
    }

    /**
     * What Kafka says of the dataset's row topics, when the plan names them: open transactions hold landers back.
     */
    private String rowTopics(DatasetId dataset, DatasetEvents seen)
    {
        return seen.plan().map(plan -> OpenTransactions.describe(kafka, dataset, plan.tables(), INSPECT_TIMEOUT)).orElse("");
    }
}
