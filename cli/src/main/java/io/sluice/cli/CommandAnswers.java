package io.sluice.cli;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.command.Command;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static java.util.Objects.requireNonNull;

/**
 * What a service answers on {@code sluice.events} to a command sent to {@code sluice.control}: opened before the
 * command is sent, so an answer that comes at once is not missed, and read without a consumer group.
 */
final class CommandAnswers implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final MessageCodec<PipelineEvent> events = Messages.events();

    private CommandAnswers(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * Sends {@code command} to {@code sluice.control}, says so on {@code err}, and returns the first answer about one
     * of {@code keys} that {@code answer} accepts, if one comes within {@code wait}.
     *
     * @param what the command as the user should read it, e.g. {@code GenerateDataset for tpch.sf1 (8 parts)}
     */
    static Optional<PipelineEvent> sendAndAwait(KafkaClientSettings kafka, String runId, Command command, String what, Set<String> keys, Predicate<PipelineEvent> answer,
            Duration wait, PrintWriter err) throws InterruptedException {
        try (CommandAnswers answers = fromNow(kafka, wait)) {
            RecordMetadata sent = ControlTopic.send(kafka, runId, command);
            err.printf("sent %s to %s partition %d offset %d%n", what, sent.topic(), sent.partition(), sent.offset());
            err.flush();
            return answers.await(keys, answer, wait);
        }
    }

    /** Starts reading {@code sluice.events} at its current end. */
    static CommandAnswers fromNow(KafkaClientSettings kafka, Duration timeout) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.toSeekingReaderProperties("sluice-command-answers"), new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seeking is lazy: the end is taken now, before the command goes out
            partitions.forEach(partition -> consumer.position(partition, timeout));
            return new CommandAnswers(consumer);
        }
        catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /**
     * The first event keyed by one of {@code keys} (the command's run id; the dataset for answers about it) that
     * {@code answer} accepts, if one comes within {@code timeout}.
     */
    Optional<PipelineEvent> await(Set<String> keys, Predicate<PipelineEvent> answer, Duration timeout) throws InterruptedException {
        requireNonNull(keys, "keys is null");
        if (consumer.assignment().isEmpty()) {
            // no events topic: no service has ever run on this Kafka, so none will answer
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.key() != null && keys.contains(record.key())) {
                    Optional<PipelineEvent> event = events.decodeIfKnown(record.value()).filter(answer);
                    if (event.isPresent()) {
                        return event;
                    }
                }
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting for an answer about " + keys);
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
