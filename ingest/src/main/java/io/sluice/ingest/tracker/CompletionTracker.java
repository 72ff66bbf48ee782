package io.sluice.ingest.tracker;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.ops.kafka.ConsumerLagMeters;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * Starts the completion tracker: {@link CompletionTopology} under Kafka Streams with exactly-once v2.
 */
public final class CompletionTracker
{
    /** Partitions of {@code sluice.events} when the tracker has to create it (the generator creates it the same way). */
    public static final int EVENTS_PARTITIONS = 3;

    private CompletionTracker() {}

    /**
     * Creates the events topic if missing and starts the tracker on its own threads.
     */
    public static RunningTracker start(TrackerSettings settings, MeterRegistry registry)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(registry, "registry is null");
        ensureEventsTopic(settings);
        KafkaStreams streams = new KafkaStreams(CompletionTopology.build(settings, new TrackerMetrics(registry)), streamsProperties(settings));
        new ConsumerLagMeters(registry, settings.applicationId(), streams::metrics).track(settings.eventsTopic());
        RunningTracker tracker = new RunningTracker(streams);
        streams.setUncaughtExceptionHandler(exception -> {
            tracker.failed(exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return tracker;
    }

    static Properties streamsProperties(TrackerSettings settings)
    {
        Properties properties = new Properties();
        properties.putAll(settings.kafka().toClientProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
        return properties;
    }

    private static void ensureEventsTopic(TrackerSettings settings)
    {
        try (Admin admin = Admin.create(settings.kafka().toClientProperties())) {
            admin.createTopics(List.of(new NewTopic(settings.eventsTopic(), Optional.of(EVENTS_PARTITIONS), Optional.empty()))).all().get();
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create topic %s on %s: %s".formatted(settings.eventsTopic(), settings.kafka().bootstrapServers(), e.getCause().getMessage()), e.getCause());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + Topics.EVENTS, e);
        }
    }
}
