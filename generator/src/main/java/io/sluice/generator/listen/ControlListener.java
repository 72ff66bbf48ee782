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
import io.sluice.ops.kafka.InternalTopicCheck;
import io.sluice.ops.kafka.InternalTopicCheck.InternalTopic;
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
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
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
 *
 * <p>A command is carried out on a thread of its own while the consumer goes on polling with its partitions paused,
 * so the listener takes part in the group's rebalances during a run of hours: a listener that joins gets its share
 * of {@code sluice.control} at once, not when the run is done. If the rebalance takes away the partition of the
 * command being carried out, its run stops after the current sub-chunk, uncommitted, and the partition's new owner
 * goes on from there.
 */
public final class ControlListener
        implements AutoCloseable
{
    public static final String GROUP_ID = "sluice-generator";
    private static final String UNKNOWN = "unknown";
    // a sub-chunk's rows and commit, with room; a pod's default grace period is 30 s
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration POLL = Duration.ofSeconds(1);
    // a revoked command's sub-chunk and commit, with room for a producer that retries (its transaction timeout)
    private static final Duration REVOKE_WAIT = Duration.ofMinutes(15);

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
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("generator-command").factory());
    // the dataset being generated, for close() and a rebalance to stop
    private final AtomicReference<DatasetGenerator> generating = new AtomicReference<>();
    private volatile boolean subscribed;
    private volatile boolean closing;
    // the command carried out on the worker, or null; read and written by the polling thread only
    private InFlight inFlight;

    private enum Outcome
    {
        /** Carried out (generated, rejected, failed and announced, or not the generator's): its offset may go. */
        HANDLED,
        /** Stopped between two sub-chunks: the command stays uncommitted, and its next reader goes on. */
        STOPPED
    }

    private record InFlight(TopicPartition partition, long offset, Future<Outcome> outcome, AtomicBoolean stop) {}

    public ControlListener(GeneratorSettings base, ProgressListener listener, MeterRegistry registry)
    {
        this.base = requireNonNull(base, "base is null");
        requireNonNull(listener, "listener is null");
        requireNonNull(registry, "registry is null");
        this.generators = settings -> new DatasetGenerator(settings, listener, registry);
        Map<String, Object> consumerProperties = base.kafka().toGroupMemberProperties(GROUP_ID);
        consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProperties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        // the poll thread waits for a revoked command's run to stop, up to REVOKE_WAIT, before it polls again
        consumerProperties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) REVOKE_WAIT.plusMinutes(5).toMillis());
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
            InternalTopicCheck.requireCreatable(base.kafka(), EnumSet.allOf(InternalTopic.class));
            consumer.subscribe(List.of(Topics.CONTROL), new Rebalances());
            lag.track(Topics.CONTROL);
            subscribed = true;
            log.info("listening for GenerateDataset commands on {}", Topics.CONTROL);
            while (true) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    start(record);
                }
                finishIfDone();
            }
        }
        catch (WakeupException e) {
            log.info("listener stopped");
        }
        finally {
            subscribed = false;
            try {
                finishOnClose();
            }
            finally {
                consumer.close();
                worker.shutdownNow();
                events.close(Duration.ofSeconds(10));
            }
        }
    }

    /**
     * Hands the command to the worker and pauses every partition until it is carried out, so that polling, which
     * goes on for the group's sake, reads nothing more meanwhile (partitions assigned meanwhile are paused as they
     * come): a record arrives only while no command is in flight.
     */
    private void start(ConsumerRecord<byte[], byte[]> record)
    {
        AtomicBoolean stop = new AtomicBoolean(closing);
        consumer.pause(consumer.assignment());
        inFlight = new InFlight(new TopicPartition(record.topic(), record.partition()), record.offset(), worker.submit(() -> handle(record, stop)), stop);
    }

    /**
     * Asks the command's run to stop after its current sub-chunk: through its generator once the worker has made one,
     * and through its flag before that (the worker reads the flag after publishing the generator).
     */
    private void stopRun(InFlight command)
    {
        command.stop().set(true);
        Optional.ofNullable(generating.get()).ifPresent(DatasetGenerator::stop);
    }

    private void finishIfDone()
    {
        if (inFlight != null && inFlight.outcome().isDone()) {
            // a failure, or close() waking the commit, leaves it in flight for finishOnClose()
            if (outcome(inFlight, Duration.ZERO).orElseThrow() == Outcome.STOPPED) {
                inFlight = null;
            }
            else {
                tryCommit();
            }
        }
        if (inFlight == null && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Commits the command in flight, which was carried out, and forgets it. While a rebalance is in progress the broker
     * refuses commits: then it stays in flight, its partitions paused, until a poll has completed the rebalance (or
     * {@link Rebalances} commits it as its partition goes).
     *
     * @return whether it is no longer in flight
     */
    private boolean tryCommit()
    {
        try {
            commit(inFlight);
        }
        catch (RebalanceInProgressException e) {
            return false;
        }
        catch (CommitFailedException e) {
            log.warn("the command at {} offset {} was carried out, but this listener had left its group, so its offset could not be committed; "
                    + "the partition's next owner carries it out again: {}", inFlight.partition(), inFlight.offset(), e.getMessage());
        }
        inFlight = null;
        return true;
    }

    /**
     * On the way out: waits for the command in progress, which close() asked to stop, and commits it if it was
     * carried out all the same (else the next listener would carry it out again: announce its plan again, reject it
     * or fail it a second time).
     */
    private void finishOnClose()
    {
        if (inFlight == null) {
            return;
        }
        InFlight last = inFlight;
        stopRun(last);
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            Optional<Outcome> outcome = outcome(last, CLOSE_TIMEOUT);
            if (outcome.isEmpty()) {
                log.warn("the command at {} offset {} did not stop within {}; the next listener carries it out from its last sub-chunk", last.partition(), last.offset(), DurationText.of(CLOSE_TIMEOUT));
            }
            else if (outcome.get() == Outcome.HANDLED) {
                // everything is paused, so these polls only complete a rebalance that refused the commit
                while (inFlight != null && !tryCommit() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
                if (inFlight != null) {
                    log.warn("the command at {} offset {} was carried out, but a rebalance kept its offset from being committed within {}; the next listener carries it out again",
                            last.partition(), last.offset(), DurationText.of(CLOSE_TIMEOUT));
                }
            }
        }
        catch (RuntimeException e) {
            log.warn("the command at {} offset {} is left uncommitted; the next listener carries it out again: {}", last.partition(), last.offset(), e.getMessage());
        }
        finally {
            inFlight = null;
        }
    }

    /**
     * What the worker made of the command, waiting up to {@code wait}; empty if it is still at work. A failure it could
     * not announce (Kafka refused the event) ends the listener, which its restart answers by reading the command again.
     */
    private static Optional<Outcome> outcome(InFlight command, Duration wait)
    {
        try {
            return Optional.of(command.outcome().get(wait.toMillis(), TimeUnit.MILLISECONDS));
        }
        catch (TimeoutException e) {
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a command's outcome", e);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void commit(InFlight done)
    {
        consumer.commitSync(Map.of(done.partition(), new OffsetAndMetadata(done.offset() + 1)));
    }

    /**
     * Keeps partitions paused while a command is carried out, and gives up the command whose partition the group
     * takes away: its run stops after the current sub-chunk, and the partition's next owner goes on from there.
     */
    private final class Rebalances
            implements ConsumerRebalanceListener
    {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions)
        {
            giveUp(partitions, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions)
        {
            giveUp(partitions, false);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions)
        {
            if (inFlight != null) {
                consumer.pause(partitions);
            }
        }

        private void giveUp(Collection<TopicPartition> partitions, boolean mayCommit)
        {
            if (inFlight == null || !partitions.contains(inFlight.partition())) {
                return;
            }
            InFlight taken = inFlight;
            stopRun(taken);
            // waits for the sub-chunk being written: the next owner's producer would fence this one's otherwise
            Optional<Outcome> outcome = outcome(taken, REVOKE_WAIT);
            if (outcome.isEmpty()) {
                log.warn("{} went to another listener of the group, and its command at offset {} did not stop within {}; the other goes on after the committed sub-chunks",
                        taken.partition(), taken.offset(), DurationText.of(REVOKE_WAIT));
            }
            else if (outcome.get() == Outcome.HANDLED && mayCommit) {
                // it ended just as the partition went; a wakeup from close() leaves it in flight for finishOnClose()
                try {
                    commit(taken);
                }
                catch (RebalanceInProgressException | CommitFailedException e) {
                    log.warn("the command at {} offset {} was carried out, but its offset could not be committed as its partition went; the next owner carries it out again: {}",
                            taken.partition(), taken.offset(), e.getMessage());
                }
            }
            inFlight = null;
            outcome.ifPresent(done -> log.info("{} went to another listener of the group while its command at offset {} was carried out here: {}", taken.partition(), taken.offset(),
                    done == Outcome.STOPPED ? "stopped after the current sub-chunk; the other listener goes on from there" : "it was done"));
        }
    }

    /**
     * Ready once subscribed to {@code sluice.control} while the consumer holds a connection to Kafka (it polls
     * while a dataset is generated too).
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

    private Outcome handle(ConsumerRecord<byte[], byte[]> record, AtomicBoolean stop)
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
            return Outcome.HANDLED;
        }
        if (!(command instanceof GenerateDataset generate)) {
            return Outcome.HANDLED;
        }
        GeneratorSettings settings;
        try {
            settings = base.withCommand(generate);
        }
        catch (IllegalArgumentException e) {
            reject(generate.runId(), GenerateDataset.class.getSimpleName(), e.getMessage());
            return Outcome.HANDLED;
        }
        try (LogContext context = LogContext.open().with(LogContext.RUN, generate.runId())) {
            log.info("run {}: generating {}", generate.runId(), generate);
            DatasetGenerator generator = generators.apply(settings);
            generating.set(generator);
            // close() or a rebalance may have looked for a generator before it was set
            if (stop.get()) {
                generator.stop();
            }
            try {
                GenerationSummary summary = generator.runFor(generate.runId());
                log.info("run {}: {}", generate.runId(), summary);
            }
            catch (GenerationStoppedException e) {
                log.info("run {}: {}; its command stays uncommitted, so the next listener goes on from there", generate.runId(), e.getMessage());
                return Outcome.STOPPED;
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
        return Outcome.HANDLED;
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
