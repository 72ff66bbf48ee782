package io.sluice.cli;

import io.sluice.faults.Observation;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The recovery of an ingest step's faults: the moments the rows landed in every sink grew, counting only landings
 * after the step began and timing each at its {@code ChunkLanded}'s {@code landedAtMs}. The run's own wait for the
 * dataset begins only after generation, and stamped with the time it read them, rows landed before an S3 outage
 * counted as a recovery while the store was still down; a rerun's earlier landings would have too.
 */
final class LandingObserver implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Optional<Thread> thread;

    private LandingObserver(Optional<Thread> thread) {
        this.thread = thread;
    }

    /** Observes nothing when the phase has no faults. */
    static LandingObserver start(KafkaClientSettings kafka, DatasetId dataset, Set<Sink> sinks, RunFaults.Phase phase) {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(sinks, "sinks is null");
        if (!phase.faulted()) {
            return new LandingObserver(Optional.empty());
        }
        long since = System.currentTimeMillis();
        return new LandingObserver(Optional.of(Thread.ofPlatform().name("sluice-landing-observer").daemon()
                .start(() -> follow(kafka, new Landings(dataset, sinks, since), phase))));
    }

    private static void follow(KafkaClientSettings kafka, Landings landings, RunFaults.Phase phase) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.toSeekingReaderProperties("sluice-landing-observer"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty()) {
                // none until something is generated; a broker killed by the step's fault does not answer
                partitions = partitionsOrNone(consumer);
                if (partitions.isEmpty()) {
                    Thread.sleep(POLL);
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (true) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    landings.add(record).ifPresent(phase::observe);
                }
            }
        }
        catch (InterruptedException | KafkaException e) {
            // closed: Kafka's client reports the interrupt as its own exception
        }
    }

    private static List<TopicPartition> partitionsOrNone(KafkaConsumer<String, byte[]> consumer) {
        try {
            return consumer.partitionsFor(Topics.EVENTS, POLL).stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        }
        catch (TimeoutException e) {
            return List.of();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isPresent()) {
            thread.get().interrupt();
            thread.get().join(STOP_WAIT);
        }
    }

    /** Rows landed in each sink since a moment, from the dataset's {@code ChunkLanded} events as they are read. */
    static final class Landings {
        private final MessageCodec<PipelineEvent> events = Messages.events();
        private final DatasetId dataset;
        private final long since;
        private final Map<Sink, Long> rows = new EnumMap<>(Sink.class);
        private long inEverySink;

        Landings(DatasetId dataset, Set<Sink> sinks, long since) {
            this.dataset = requireNonNull(dataset, "dataset is null");
            if (sinks.isEmpty()) {
                throw new IllegalArgumentException("no sinks");
            }
            sinks.forEach(sink -> rows.put(sink, 0L));
            this.since = since;
        }

        /** @return a success at the landing's time, when it made the rows landed in every sink grow */
        Optional<Observation> add(ConsumerRecord<String, byte[]> record) {
            if (!dataset.toString().equals(record.key())
                    || !(events.decodeIfKnown(record.value()).orElse(null) instanceof ChunkLanded landed)
                    || !rows.containsKey(landed.sink())
                    || landed.landedAtMs() < since) {
                return Optional.empty();
            }
            rows.merge(landed.sink(), landed.rows(), Long::sum);
            long least = Collections.min(rows.values());
            if (least <= inEverySink) {
                return Optional.empty();
            }
            inEverySink = least;
            return Optional.of(new Observation("land", landed.landedAtMs(), landed.landedAtMs(), true));
        }
    }
}
