package io.sluice.ingest.tracker;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.generator.kafka.TopicProvisioner;
import io.sluice.ops.kafka.ConsumerLagMeters;
import io.sluice.ops.kafka.InternalTopicCheck;
import io.sluice.ops.kafka.InternalTopicCheck.InternalTopic;
import io.sluice.ops.kafka.ProducerFactory;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Starts the completion tracker: {@link CompletionTopology} under Kafka Streams with exactly-once v2. A stream
 * thread that dies of an error a new producer may get past ({@link ProducerFactory#replaceable}, e.g. a commit
 * failing with {@code InvalidTxnStateException}) is replaced, which aborts its open transaction and resumes from
 * the committed offsets; after {@value ProducerFactory#ATTEMPTS} such deaths in the tracker's life, or on any
 * other error, the tracker stops and {@link RunningTracker#failure()} says why.
 */
public final class CompletionTracker
{
    private static final Logger log = LoggerFactory.getLogger(CompletionTracker.class);

    /** Partitions of {@code sluice.events} when the tracker has to create it (the generator creates it the same way). */
    public static final int EVENTS_PARTITIONS = 3;

    private CompletionTracker() {}

    /**
     * Creates the events topic if missing and starts the tracker on its own threads. Local state built from
     * another Kafka cluster is deleted first ({@link LocalStateOwner}).
     */
    public static RunningTracker start(TrackerSettings settings, MeterRegistry registry)
    {
        return start(settings, registry, ProducerFactory.KAFKA);
    }

    /**
     * @param producers makes the stream threads' transactional producers
     */
    public static RunningTracker start(TrackerSettings settings, MeterRegistry registry, ProducerFactory producers)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(registry, "registry is null");
        requireNonNull(producers, "producers is null");
        String clusterId = prepareKafka(settings);
        InternalTopicCheck.requireCreatable(settings.kafka(), EnumSet.allOf(InternalTopic.class));
        LocalStateOwner owner = new LocalStateOwner(settings.stateDir(), settings.applicationId());
        // asked before Streams creates its directory and files there
        boolean stale = owner.staleFor(clusterId);
        StateMemory memory = new StateMemory(settings.stateMemoryBytes());
        KafkaStreams streams;
        try {
            streams = new KafkaStreams(CompletionTopology.build(settings, new TrackerMetrics(registry, settings.expectedSinks())), streamsProperties(settings, memory),
                    new TrackerClients(producers));
        }
        catch (RuntimeException e) {
            memory.close();
            throw e;
        }
        try {
            return launch(settings, registry, streams, memory, owner, stale, clusterId);
        }
        catch (RuntimeException e) {
            // no stream thread has opened a store yet, or close() waited for them: the memory is free to go
            if (streams.close(Duration.ofSeconds(30))) {
                memory.close();
            }
            throw e;
        }
    }

    private static RunningTracker launch(TrackerSettings settings, MeterRegistry registry, KafkaStreams streams, StateMemory memory, LocalStateOwner owner, boolean stale,
            String clusterId)
    {
        if (stale) {
            log.warn("the tracker state in {} was built from another Kafka cluster ({}, this one is {}); deleting it, the stores restore from this cluster's changelogs",
                    settings.stateDir(), owner.recordedCluster().orElse("not recorded"), clusterId);
            streams.cleanUp();
        }
        owner.claim(clusterId);
        new ConsumerLagMeters(registry, settings.applicationId(), streams::metrics).track(settings.eventsTopic());
        RunningTracker tracker = new RunningTracker(streams, memory);
        AtomicInteger deaths = new AtomicInteger();
        streams.setUncaughtExceptionHandler(exception -> {
            if (ProducerFactory.replaceable(exception) && deaths.incrementAndGet() < ProducerFactory.ATTEMPTS) {
                log.warn("a tracker stream thread failed ({} of {}), replacing it: {}", deaths.get(), ProducerFactory.ATTEMPTS, exception.toString(), exception);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            }
            tracker.failed(exception);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.start();
        return tracker;
    }

    static Properties streamsProperties(TrackerSettings settings, StateMemory memory)
    {
        Properties properties = new Properties();
        properties.putAll(settings.kafka().toClientProperties());
        properties.putAll(settings.kafka().toLivenessProperties());
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        properties.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        properties.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, settings.replicationFactor());
        properties.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        properties.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedStateMemory.class);
        properties.put(StateMemory.CONFIG, memory);
        return properties;
    }

    /**
     * Creates the events topic if missing; returns the cluster's id.
     */
    private static String prepareKafka(TrackerSettings settings)
    {
        try (Admin admin = Admin.create(settings.kafka().toClientProperties())) {
            try {
                // created as the generator creates it, or given the settings it lacks
                new TopicProvisioner(admin, Optional.empty()).ensure(Map.of(settings.eventsTopic(), EVENTS_PARTITIONS));
            }
            catch (IllegalStateException e) {
                throw new IllegalStateException("%s (Kafka at %s)".formatted(e.getMessage(), settings.kafka().bootstrapServers()), e);
            }
            try {
                return admin.describeCluster().clusterId().get();
            }
            catch (ExecutionException e) {
                throw new IllegalStateException("cannot read the cluster id of %s: %s".formatted(settings.kafka().bootstrapServers(), e.getCause().getMessage()), e.getCause());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing " + Topics.EVENTS, e);
        }
    }
}
