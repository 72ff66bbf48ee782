package io.sluice.generator.listen;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.DatasetPlanConflictException;
import io.sluice.generator.GenerationFailedException;
import io.sluice.generator.GenerationStoppedException;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.GenerationTakenOverException;
import io.sluice.generator.kafka.TopicProvisioner;
import io.sluice.generator.progress.ProgressListener;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ops.LogContext;
import io.sluice.ops.Readiness;
import io.sluice.ops.kafka.ConsumerLagMeters;
import io.sluice.ops.kafka.KafkaClientHealth;
import io.sluice.schema.DurationText;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.command.Command;
import io.sluice.schema.command.GenerateDataset;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The generator's long-running mode: consumes {@code GenerateDataset} commands from {@code sluice.control}
 * (consumer group {@value #GROUP_ID}) and generates each with the base settings' Kafka and producer
 * settings. A command that cannot be decoded or carried out becomes a {@code CommandRejected} event, a run
 * that fails a {@code DatasetFailed} event, and the listener goes on. Other commands are left to their services.
 * A command's offset is committed after it is handled; one redelivered after a crash resumes its dataset
 * where it stopped. {@link #run()} creates the {@code sluice.*} topics if missing (brokers may not auto-create
 * them) and blocks until {@link #close()} is called from another thread. Closing stops a dataset being generated
 * after its current sub-chunk and leaves its command uncommitted, and the consumer leaves its group: another
 * listener is assigned the command at once (not after the group's session timeout) and goes on from there.
 */
public final class ControlListener
        implements AutoCloseable
{
    public static final String GROUP_ID = "sluice-generator";
    private static final String UNKNOWN = "unknown";
    // a sub-chunk's rows and commit, with room; a pod's default grace period is 30 s
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);

    private final GeneratorSettings base;
    private final Function<GeneratorSettings, DatasetGenerator> generators;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> events;
    private final MessageCodec<Command> commands = Messages.commands();
    private final MessageCodec<PipelineEvent> eventCodec = Messages.events();
    private final Map<MetricName, ? extends Metric> consumerMetrics;
    private final ConsumerLagMeters lag;
    private final AtomicBoolean running = new AtomicBoolean();
    private final CountDownLatch ran = new CountDownLatch(1);
    // the dataset being generated, for close() to stop
    private final AtomicReference<DatasetGenerator> generating = new AtomicReference<>();
    private volatile boolean subscribed;
    private volatile boolean closing;

    public ControlListener(GeneratorSettings base, ProgressListener listener, MeterRegistry registry)
    {
        this.base = requireNonNull(base, "base is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(registry, "registry is null");
        this.generators = settings -> new DatasetGenerator(settings, listener, registry);
        Map<String, Object> consumerProperties = base.kafka().toGroupMemberProperties(GROUP_ID);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // One command may generate for hours between polls; a dead listener is still noticed by heartbeats.
        consumerProperties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) Duration.ofDays(1).toMillis());
        this.consumer = new KafkaConsumer<>(consumerProperties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        // a live, thread-safe view: probes read it without touching the consumer
        this.consumerMetrics = consumer.metrics();
        this.lag = new ConsumerLagMeters(registry, GROUP_ID, () -> consumerMetrics);
        Map<String, Object> producerProperties = new HashMap<>(base.kafka().toClientProperties());
        producerProperties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerProperties.put(ProducerConfig.ACKS_CONFIG, "all");
        this.events = new KafkaProducer<>(producerProperties, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public void run()
    {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("the listener runs already");
        }
        try {
            listen();
        }
        finally {
            ran.countDown();
        }
    }

    private void listen()
    {
        try {
            try (Admin admin = Admin.create(base.kafka().toClientProperties())) {
                new TopicProvisioner(admin, base.replicationFactor()).ensureSystemTopics();
            }
            consumer.subscribe(List.of(Topics.CONTROL));
            lag.track(Topics.CONTROL);
            subscribed = true;
            log.info("listening for GenerateDataset commands on {}", Topics.CONTROL);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    handle(record);
                    commit(record);
                }
            }
        }
        catch (WakeupException | GenerationStoppedException e) {
            log.info("listener stopped");
        }
        finally {
            subscribed = false;
            consumer.close();
            events.close(Duration.ofSeconds(10));
        }
    }

    private void commit(ConsumerRecord<byte[], byte[]> record)
    {
        Map<TopicPartition, OffsetAndMetadata> offset = Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        try {
            consumer.commitSync(offset);
        }
        catch (WakeupException e) {
            // close() woke the consumer while the command was handled, and it is done: its offset still goes, or the
            // next listener would carry it out again (announce its plan again, reject it or fail it a second time)
            try {
                consumer.commitSync(offset);
            }
            catch (RuntimeException commitFailed) {
                log.warn("the command at {} is done but its offset could not be committed; the next listener carries it out again: {}", offset.keySet(), commitFailed.getMessage());
            }
            throw e;
        }
    }

    /**
     * Ready once subscribed to {@code sluice.control} while the consumer holds a connection to Kafka (it does
     * between polls too, while a dataset is generated: its heartbeats keep one open).
     */
    public Readiness readiness()
    {
        if (!subscribed) {
            return Readiness.notReady("not subscribed to " + Topics.CONTROL);
        }
        if (!KafkaClientHealth.connected(consumerMetrics)) {
            return Readiness.notReady("no connection to Kafka at " + base.kafka().bootstrapServers());
        }
        return Readiness.ready("listening on " + Topics.CONTROL);
    }

    private void handle(ConsumerRecord<byte[], byte[]> record)
    {
        String runId = Optional.ofNullable(record.key())
                .map(key -> new String(key, StandardCharsets.UTF_8))
                .filter(key -> !key.isBlank())
                .orElse(UNKNOWN);
        Command command;
        try {
            if (record.value() == null) {
                throw new UndecodableMessageException(UndecodableMessageException.Reason.TRUNCATED, "the record has no value");
            }
            command = commands.decode(record.value());
        }
        catch (UndecodableMessageException e) {
            // the query runner reads the same topic and answers such a record too: each answer says whose it is
            reject(runId, UNKNOWN, "the generator cannot decode %s-%d offset %d: %s".formatted(record.topic(), record.partition(), record.offset(), e.getMessage()));
            return;
        }
        if (!(command instanceof GenerateDataset generate)) {
            return;
        }
        GeneratorSettings settings;
        try {
            settings = base.withCommand(generate);
        }
        catch (IllegalArgumentException e) {
            reject(generate.runId(), GenerateDataset.class.getSimpleName(), e.getMessage());
            return;
        }
        try (LogContext context = LogContext.open().with(LogContext.RUN, generate.runId())) {
            log.info("run {}: generating {}", generate.runId(), generate);
            DatasetGenerator generator = generators.apply(settings);
            generating.set(generator);
            // close() may have looked for a generator before it was set
            if (closing) {
                generator.stop();
            }
            try {
                GenerationSummary summary = generator.runFor(generate.runId());
                log.info("run {}: {}", generate.runId(), summary);
            }
            catch (GenerationStoppedException e) {
                log.info("run {}: {}; its command stays uncommitted, so the next listener goes on from there", generate.runId(), e.getMessage());
                throw e;
            }
            catch (DatasetPlanConflictException e) {
                // the dataset in Kafka is fine; it is the command that asks for something else
                reject(generate.runId(), GenerateDataset.class.getSimpleName(), e.getMessage());
            }
            catch (GenerationTakenOverException e) {
                // not a failure of the dataset: the other generator goes on with it and announces what it does
                log.warn("run {}: {}", generate.runId(), e.getMessage());
            }
            catch (GenerationFailedException e) {
                log.error("run {}: {}", generate.runId(), e.getMessage(), e);
                publish(new DatasetFailed(e.dataset(), Optional.empty(), e.table(), e.chunk(), e.getMessage(), System.currentTimeMillis()));
            }
            finally {
                generating.set(null);
            }
        }
    }

    private void reject(String runId, String command, String reason)
    {
        log.warn("run {}: rejected {} command: {}", runId, command, reason);
        publish(new CommandRejected(runId, command, reason, System.currentTimeMillis()));
    }

    private void publish(PipelineEvent event)
    {
        try {
            events.send(new ProducerRecord<>(Topics.EVENTS, event.key().getBytes(StandardCharsets.UTF_8), eventCodec.encode(event))).get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + event, e);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish %s: %s".formatted(event.getClass().getSimpleName(), e.getCause().getMessage()), e.getCause());
        }
    }

    /**
     * Stops {@link #run()}, a dataset being generated after its current sub-chunk, and waits up to
     * {@link #CLOSE_TIMEOUT} for it to return; safe from any thread.
     */
    @Override
    public void close()
    {
        closing = true;
        Optional.ofNullable(generating.get()).ifPresent(DatasetGenerator::stop);
        consumer.wakeup();
        if (!running.get()) {
            return;
        }
        try {
            if (!ran.await(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the listener did not stop within {}", DurationText.of(CLOSE_TIMEOUT));
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
