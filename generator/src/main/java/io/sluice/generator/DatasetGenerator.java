package io.sluice.generator;

import io.micrometer.core.instrument.MeterRegistry;
import io.sluice.generator.kafka.ChunkProducer;
import io.sluice.generator.kafka.ProducedChunks;
import io.sluice.generator.kafka.ProducedChunks.SubChunkKey;
import io.sluice.generator.kafka.TopicProvisioner;
import io.sluice.generator.plan.ChunkPlan;
import io.sluice.generator.plan.DatasetPlan;
import io.sluice.generator.plan.DatasetPlanner;
import io.sluice.generator.progress.GeneratorMetrics;
import io.sluice.generator.progress.ProgressListener;
import io.sluice.generator.progress.ProgressTracker;
import io.sluice.generator.rows.ChunkRows;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ops.LogContext;
import io.sluice.ops.kafka.InternalTopicCheck;
import io.sluice.ops.kafka.InternalTopicCheck.InternalTopic;
import io.sluice.ops.kafka.InternalTopicCheck.InternalTopicUnavailableException;
import io.sluice.ops.kafka.ProducerFactory;
import io.sluice.schema.DurationText;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.codec.RowBlock;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.ChunkRef;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.kafka.PartKey;
import io.sluice.schema.table.TableSchemas;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static java.util.Objects.requireNonNull;

/**
 * Generates one process's share of a dataset into Kafka: creates the topics if missing, fences an earlier
 * process of the same part range, skips the sub-chunks {@code sluice.events} says are committed, and writes
 * the others one transaction each (see {@link ChunkProducer}). Tables are generated one after the other,
 * parts in order, on the calling thread; a run is not reusable.
 *
 * <p>A producer that fails for good is replaced if {@link ProducerFactory#replaceable} says a new one may do
 * better, up to {@value ProducerFactory#ATTEMPTS} producers a run: the new one aborts the open transaction, the
 * committed sub-chunks are read again and the run carries on after them, as a restarted process would. After any
 * Kafka error, though, the run first looks again: sub-chunks of its parts that the last read did not show and it did
 * not commit mean another generator writes them under the same transactional id (its producer is what fenced this
 * one's, which Kafka reports as an old epoch or an unexpected error rather than a fence), and a new producer would
 * only fence it back ({@link GenerationTakenOverException}).
 */
public final class DatasetGenerator
{
    private static final Logger log = LoggerFactory.getLogger(DatasetGenerator.class);
    // beyond the time a transaction another generator of the dataset left open may hold the read back (Kafka aborts it
    // at its timeout, the same for the generators of one dataset); at least 2 min
    private static final Duration EVENTS_READ_MARGIN = Duration.ofMinutes(1);
    // Before another producer: if another generator of the same parts fenced this one's, it commits sub-chunks in
    // the meantime, and the next read sees them (OtherWriters) instead of fencing it back at once.
    private static final Duration PRODUCER_BACKOFF = Duration.ofSeconds(1);
    private static final Duration OTHER_WRITER_READ_TIMEOUT = Duration.ofSeconds(30);
    // Rows go to Kafka in blocks of about this many bytes: a Kafka record costs the producer about as much CPU
    // as generating a row, so one per row would cap the generator at half its rate. Small against the
    // producer's batch and a fetch, so neither side holds more for it.
    static final int BLOCK_BYTES = 64 * 1024;

    private final GeneratorSettings settings;
    private final ProgressListener listener;
    private final GeneratorMetrics metrics;
    private final ProducerFactory clients;
    private volatile boolean stopRequested;

    public DatasetGenerator(GeneratorSettings settings, ProgressListener listener, MeterRegistry registry)
    {
        this(settings, listener, registry, ProducerFactory.KAFKA);
    }

    /**
     * @param clients makes each Kafka producer
     */
    public DatasetGenerator(GeneratorSettings settings, ProgressListener listener, MeterRegistry registry, ProducerFactory clients)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.listener = requireNonNull(listener, "listener is null");
        this.metrics = new GeneratorMetrics(registry);
        this.clients = requireNonNull(clients, "clients is null");
    }

    /**
     * @throws GenerationFailedException naming the dataset, table and sub-chunk where it stopped
     * @throws DatasetPlanConflictException before anything is generated, if Kafka holds the dataset with another plan
     * @throws GenerationStoppedException if {@link #stop()} asked it to
     * @throws GenerationTakenOverException if, after a producer failed, another generator was found writing its parts
     */
    public GenerationSummary run()
    {
        return run(Optional.empty());
    }

    /**
     * As {@link #run()}, for the {@code GenerateDataset} command {@code runId}: its {@code DatasetPlanned} carries the
     * run id, so the command's sender can tell this start from another one's of the same plan.
     */
    public GenerationSummary runFor(String runId)
    {
        return run(Optional.of(requireNonNull(runId, "runId is null")));
    }

    /**
     * Asks the run in progress, from another thread, to stop before its next sub-chunk: one being written is
     * committed first, so a run stops within about one sub-chunk's time and leaves no transaction open. A run that
     * has not started yet stops before its first sub-chunk.
     */
    public void stop()
    {
        stopRequested = true;
    }

    private GenerationSummary run(Optional<String> runId)
    {
        long start = System.nanoTime();
        DatasetPlan plan = DatasetPlanner.plan(settings);
        try (LogContext context = LogContext.open().with(LogContext.DATASET, plan.dataset())) {
            return run(plan, runId, start);
        }
    }

    private GenerationSummary run(DatasetPlan plan, Optional<String> runId, long start)
    {
        Map<String, Integer> partitions = provisionTopics(plan);
        ProgressTracker tracker = new ProgressTracker(plan, listener);
        Map<String, TableTotals> totals = new LinkedHashMap<>();
        plan.tables().forEach(table -> totals.put(table, new TableTotals()));
        Set<SubChunkKey> committedHere = new HashSet<>();
        OtherWriters others = new OtherWriters(plan);
        // producers that failed in a row: one that committed sub-chunks before it failed got the run further, so a
        // run of hours rides out any number of broker restarts (fault runs, rolling upgrades) that come one at a time
        int failedInARow = 0;
        while (true) {
            int committedBefore = committedHere.size();
            try {
                generate(plan, runId, partitions, committedHere, others, tracker, totals);
                break;
            }
            catch (GenerationFailedException e) {
                if (!ProducerFactory.fromKafka(e)) {
                    throw e;
                }
                failedInARow = committedHere.size() > committedBefore ? 1 : failedInARow + 1;
                // a fence shows as an old epoch or an unexpected error on the commit, not always as one: whatever
                // Kafka said, look whether another generator writes these parts before failing or fencing it back
                others.failedAt(e);
                boolean replace = failedInARow < ProducerFactory.ATTEMPTS && ProducerFactory.replaceable(e);
                if (replace) {
                    log.warn("{}; producer failed ({} of {} in a row), starting another in {}: it aborts the open transaction and the run carries on after the committed sub-chunks",
                            e.getMessage(), failedInARow, ProducerFactory.ATTEMPTS, DurationText.of(PRODUCER_BACKOFF));
                }
                try {
                    Thread.sleep(PRODUCER_BACKOFF);
                }
                catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                lookForOtherWriter(plan, others, committedHere, e);
                if (!replace) {
                    throw e;
                }
            }
        }
        List<GenerationSummary.TableSummary> tables = new ArrayList<>();
        totals.forEach((table, counts) -> {
            String topic = Topics.rows(plan.dataset(), table);
            tables.add(new GenerationSummary.TableSummary(table, topic, partitions.get(topic), counts.rows, counts.bytes, counts.committed, counts.skipped));
        });
        return new GenerationSummary(plan.dataset(), tables, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * One producer's go at the plan: reads what is committed, announces the plan (again after a failure; consumers
     * keep the first) unless it differs from the first one in Kafka, and writes the rest.
     */
    private void generate(DatasetPlan plan, Optional<String> runId, Map<String, Integer> partitions, Set<SubChunkKey> committedHere, OtherWriters others,
            ProgressTracker tracker, Map<String, TableTotals> totals)
    {
        try (ChunkProducer producer = new ChunkProducer(settings, clients)) {
            ProducedChunks produced = ProducedChunks.read(settings.kafka().toClientProperties(), plan.dataset(),
                    ChunkProducer.transactionTimeout(settings.subChunkRows()).plus(EVENTS_READ_MARGIN));
            others.check(produced, committedHere);
            DatasetPlanned planned = new DatasetPlanned(plan.dataset(), plan.tables(), plan.parts(), runId, System.currentTimeMillis());
            Optional<DatasetPlanned> first = produced.firstPlan();
            if (first.isPresent() && !first.get().samePlanAs(planned)) {
                throw new DatasetPlanConflictException(first.get(), planned);
            }
            producer.announce(planned);
            log.info("generating {} tables {} parts {}-{} of {} as {} ({} sub-chunks planned, {} committed before)",
                    plan.dataset(), plan.tables(), plan.partRange().first(), plan.partRange().last(), plan.parts(), producer.transactionalId(),
                    plan.subChunks(), produced.size());
            for (ChunkPlan chunk : plan.chunks()) {
                String topic = Topics.rows(plan.dataset(), chunk.table());
                int partition = DatasetPlanner.partitionOf(chunk.part(), partitions.get(topic));
                new ChunkRun(chunk, topic, partition, producer, produced, committedHere, tracker, totals.get(chunk.table())).run();
            }
        }
        catch (GenerationFailedException | DatasetPlanConflictException | GenerationStoppedException | GenerationTakenOverException e) {
            throw e;
        }
        catch (RuntimeException e) {
            throw new GenerationFailedException(plan.dataset(), Optional.empty(), Optional.empty(), String.valueOf(e.getMessage()), e);
        }
    }

    /**
     * @throws GenerationTakenOverException if another generator writes the plan's parts
     */
    private void lookForOtherWriter(DatasetPlan plan, OtherWriters others, Set<SubChunkKey> committedHere, GenerationFailedException failure)
    {
        ProducedChunks produced;
        try {
            produced = ProducedChunks.read(settings.kafka().toClientProperties(), plan.dataset(), OTHER_WRITER_READ_TIMEOUT);
        }
        catch (RuntimeException unread) {
            // Kafka itself may be what failed: then there is nothing to tell, and the failure stands
            failure.addSuppressed(unread);
            return;
        }
        try {
            others.check(produced, committedHere);
        }
        catch (GenerationTakenOverException takenOver) {
            takenOver.addSuppressed(failure);
            throw takenOver;
        }
    }

    private Map<String, Integer> provisionTopics(DatasetPlan plan)
    {
        try {
            InternalTopicCheck.requireCreatable(settings.kafka(), EnumSet.of(InternalTopic.TRANSACTION_STATE));
        }
        catch (InternalTopicUnavailableException e) {
            throw new GenerationFailedException(plan.dataset(), Optional.empty(), Optional.empty(), e.getMessage(), e);
        }
        Map<String, Integer> wanted = new LinkedHashMap<>();
        plan.partitions().forEach((table, count) -> wanted.put(Topics.rows(plan.dataset(), table), count));
        try (Admin admin = Admin.create(settings.kafka().toClientProperties())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, settings.replicationFactor());
            provisioner.ensureSystemTopics();
            return provisioner.ensure(wanted);
        }
        catch (RuntimeException e) {
            throw new GenerationFailedException(plan.dataset(), Optional.empty(), Optional.empty(), "cannot create topics on " + settings.kafka().bootstrapServers() + ": " + e.getMessage(), e);
        }
    }

    private static final class TableTotals
    {
        long rows;
        long bytes;
        int committed;
        int skipped;
    }

    /**
     * Writes one chunk, sub-chunk by sub-chunk, skipping committed ones (their rows are generated but not
     * converted) and stopping after the last sub-chunk still to write.
     */
    private final class ChunkRun
    {
        private final ChunkPlan chunk;
        private final String topic;
        private final int partition;
        private final ChunkProducer producer;
        private final ProducedChunks produced;
        private final Set<SubChunkKey> committedHere;
        private final ProgressTracker tracker;
        private final TableTotals totals;
        private final byte[] key;
        private final RowBlock.Writer block;
        private final int lastToWrite;

        private LogContext logContext;
        private int current;
        private Optional<ChunkProduced> skipping = Optional.empty();
        private ChunkChecksum checksum;
        private long bytes;

        ChunkRun(ChunkPlan chunk, String topic, int partition, ChunkProducer producer, ProducedChunks produced, Set<SubChunkKey> committedHere, ProgressTracker tracker,
                TableTotals totals)
        {
            this.chunk = chunk;
            this.topic = topic;
            this.partition = partition;
            this.producer = producer;
            this.produced = produced;
            this.committedHere = committedHere;
            this.tracker = tracker;
            this.totals = totals;
            this.key = PartKey.encode(chunk.part());
            this.block = new RowBlock.Writer(SingleObjectEncoding.fingerprint(TableSchemas.schema(chunk.dataset().benchmark(), chunk.table())), BLOCK_BYTES + 1024);
            this.lastToWrite = IntStream.rangeClosed(1, chunk.subChunks())
                    .filter(subChunk -> committedBefore(subChunk).isEmpty())
                    .max()
                    .orElse(0);
        }

        void run()
        {
            try (LogContext context = LogContext.open().with(LogContext.TABLE, chunk.table()).with(LogContext.CHUNK, chunk.part() + "/" + chunk.parts())) {
                logContext = context;
                write();
            }
        }

        private void write()
        {
            try {
                if (lastToWrite > 0) {
                    ChunkRows rows = ChunkRows.of(chunk);
                    while (rows.next()) {
                        int subChunk = rows.subChunk();
                        if (subChunk > lastToWrite) {
                            break;
                        }
                        moveTo(subChunk);
                        if (skipping.isEmpty()) {
                            ByteBuffer payload = rows.encode(checksum);
                            bytes += payload.remaining();
                            tracker.rowSent(chunk.table(), payload.remaining());
                            block.add(payload);
                            if (block.size() >= BLOCK_BYTES) {
                                sendBlock();
                            }
                        }
                    }
                }
                moveTo(chunk.subChunks());
                finish();
            }
            catch (GenerationStoppedException e) {
                // asked between sub-chunks: nothing is open to abort
                throw e;
            }
            catch (RuntimeException e) {
                producer.abort();
                if (checksum != null && skipping.isEmpty()) {
                    tracker.subChunkAborted(chunk.table(), checksum.rows(), bytes);
                }
                throw new GenerationFailedException(chunk.dataset(), Optional.of(chunk.table()), Optional.of(new ChunkRef(chunk.part(), chunk.parts(), Math.max(1, current))),
                        String.valueOf(e.getMessage()), e);
            }
        }

        /**
         * Finishes the open sub-chunk and any empty ones up to {@code subChunk}, then opens it.
         */
        private void moveTo(int subChunk)
        {
            while (current < subChunk) {
                if (current > 0) {
                    finish();
                }
                if (stopRequested) {
                    throw new GenerationStoppedException(chunk.dataset(), "%s part %d/%d sub-chunk %d".formatted(chunk.table(), chunk.part(), chunk.parts(), current + 1));
                }
                current++;
                logContext.with(LogContext.CHUNK, "%d/%d.%d".formatted(chunk.part(), chunk.parts(), current));
                skipping = committedBefore(current);
                if (skipping.isEmpty()) {
                    producer.begin();
                    checksum = new ChunkChecksum();
                    bytes = 0;
                }
            }
        }

        private void sendBlock()
        {
            producer.sendRows(topic, partition, key, block.finish());
        }

        private void finish()
        {
            if (skipping.isPresent()) {
                // committed by an earlier producer of this run: counted then
                if (!committedHere.contains(SubChunkKey.of(skipping.get()))) {
                    totals.skipped++;
                    tracker.subChunkSkipped(chunk.table(), skipping.get().rows());
                }
                return;
            }
            if (block.rows() > 0) {
                sendBlock();
            }
            ChunkProduced event = new ChunkProduced(chunk.dataset(), chunk.table(), chunk.part(), chunk.parts(), current, chunk.subChunks(),
                    checksum.rows(), checksum.value(), System.currentTimeMillis());
            producer.commit(topic, partition, event);
            committedHere.add(SubChunkKey.of(event));
            totals.rows += checksum.rows();
            totals.bytes += bytes;
            totals.committed++;
            metrics.committed(chunk.dataset().toString(), chunk.table(), checksum.rows(), bytes);
            tracker.subChunkCommitted(chunk.table());
            // committed: a failure before the next sub-chunk opens has no rows of its own to take back from the progress
            checksum = null;
        }

        private Optional<ChunkProduced> committedBefore(int subChunk)
        {
            Optional<ChunkProduced> event = produced.find(chunk.table(), chunk.part(), subChunk);
            event.ifPresent(found -> {
                if (found.parts() != chunk.parts() || found.subChunks() != chunk.subChunks()) {
                    throw new IllegalStateException(("%s %s part %d was produced before as part of %d parts in %d sub-chunks, now %d parts in %d sub-chunks; "
                            + "rerun with the same parts and sub-chunk rows, or delete the dataset's topics and its events").formatted(
                            chunk.dataset(), chunk.table(), chunk.part(), found.parts(), found.subChunks(), chunk.parts(), chunk.subChunks()));
                }
            });
            return event;
        }
    }

    /**
     * Tells, after a producer failed, whether another generator writes this run's parts: sub-chunks of them
     * committed since the last producer's start read, neither by this run nor the one it was writing when it failed
     * (a commit the client reported failed may have reached the broker).
     */
    private static final class OtherWriters
    {
        private final DatasetPlan plan;
        private final Set<SubChunkKey> inFlight = new HashSet<>();
        private Optional<Set<SubChunkKey>> lastRead = Optional.empty();

        OtherWriters(DatasetPlan plan)
        {
            this.plan = plan;
        }

        void failedAt(GenerationFailedException failure)
        {
            failure.table().ifPresent(table -> failure.chunk().ifPresent(chunk -> inFlight.add(new SubChunkKey(table, chunk.part(), chunk.subChunk()))));
        }

        /**
         * @throws GenerationTakenOverException if another generator committed sub-chunks of this run's parts
         */
        void check(ProducedChunks produced, Set<SubChunkKey> committedHere)
        {
            Optional<Set<SubChunkKey>> before = lastRead;
            lastRead = Optional.of(produced.keys());
            List<SubChunkKey> theirs = before.stream()
                    .flatMap(read -> produced.keys().stream().filter(key -> !read.contains(key)))
                    .filter(key -> !committedHere.contains(key) && !inFlight.contains(key))
                    .filter(key -> plan.tables().contains(key.table()) && key.part() >= plan.partRange().first() && key.part() <= plan.partRange().last())
                    .sorted(Comparator.comparing(SubChunkKey::table).thenComparingInt(SubChunkKey::part).thenComparingInt(SubChunkKey::subChunk))
                    .toList();
            if (!theirs.isEmpty()) {
                SubChunkKey first = theirs.getFirst();
                throw new GenerationTakenOverException(("%s: another generator writes parts %d-%d under the same transactional id (it committed %d of their "
                        + "sub-chunks since this run last looked, the first %s part %d sub-chunk %d); this run leaves them to it").formatted(plan.dataset(),
                        plan.partRange().first(), plan.partRange().last(), theirs.size(), first.table(), first.part(), first.subChunk()));
            }
        }
    }
}
