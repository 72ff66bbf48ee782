package io.sluice.ingest.lander;

import io.sluice.ops.LogContext;
import io.sluice.ops.LogInterval;
import io.sluice.ops.Readiness;
import io.sluice.ops.kafka.ConsumerLagMeters;
import io.sluice.ops.kafka.PartitionLags;
import io.sluice.ops.kafka.KafkaClientHealth;
import io.sluice.schema.DurationText;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.codec.RowBlock;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.kafka.ChunkMarker;
import io.sluice.schema.kafka.PartKey;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The consumer loop every lander runs (see ingest/README.md for the exactly-once argument). Single-threaded:
 * the consumer, the transactional producer, the sink writer and all state are touched by {@link #run()}'s
 * thread only; {@link #stop()} may be called from any thread.
 *
 * <p>Per partition, records are cut into batches by deterministic rules only: a batch ends at every
 * end-of-chunk marker, when its rows or input bytes reach the budget, and after a record that left it without
 * rows (a dead letter alone). A batch is made durable in the sink,
 * then one Kafka transaction sends its dead letters, the {@code ChunkLanded} events of the sub-chunks whose
 * markers it holds, and the offset past it, carrying the still open sub-chunks in the offset's metadata.
 */
final class LanderLoop
        implements Runnable, AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(LanderLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    // the loop waits this long at most for end offsets; nothing lands meanwhile
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration LAG_MEASURE = Duration.ofSeconds(5);
    // a gauge's reading, so less than the stalled partitions' wait for theirs
    private static final Duration LAG_END_OFFSETS_TIMEOUT = Duration.ofSeconds(1);
    private static final String REJECTED_BATCH = "REJECTED_BATCH";

    private final LanderSettings settings;
    private final OffsetMetadata.Budget budget;
    private final SinkWriter writer;
    private final Consumer<byte[], byte[]> consumer;
    private final Producer<byte[], byte[]> producer;
    private final LanderMetrics metrics;
    private final ConsumerLagMeters lag;
    private final PartitionLags lags;
    private final LandingLog landing;
    // a live, thread-safe view of the consumer's metrics, for readiness probes from other threads
    private final Map<MetricName, ? extends Metric> consumerMetrics;
    private final MessageCodec<PipelineEvent> events = Messages.events();
    private final ChunkMarker markers = new ChunkMarker();
    private final Map<TopicPartition, PartitionState> partitions = new HashMap<>();
    private volatile boolean running = true;
    // what readiness reports; written by the loop's thread only
    private volatile boolean joined;
    private volatile int assignedPartitions;
    // the first partition's whose batch waits for the sink
    private volatile Optional<String> sinkFailure = Optional.empty();
    private int openSinkBatches;
    private boolean landedAny;
    private long stallCheckedAtNanos = System.nanoTime();
    private long lagMeasuredAtNanos = System.nanoTime();

    LanderLoop(LanderSettings settings, SinkWriter writer, Consumer<byte[], byte[]> consumer, Producer<byte[], byte[]> producer, LanderMetrics metrics, ConsumerLagMeters lag,
            PartitionLags lags)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.budget = new OffsetMetadata.Budget(settings.batchRows(), settings.batchBytes());
        this.writer = requireNonNull(writer, "writer is null");
        this.consumer = requireNonNull(consumer, "consumer is null");
        this.producer = requireNonNull(producer, "producer is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.lag = requireNonNull(lag, "lag is null");
        this.lags = requireNonNull(lags, "lags is null");
        this.landing = new LandingLog(writer.sink(), LogInterval.every(LogInterval.DEFAULT), log::info);
        this.consumerMetrics = consumer.metrics();
    }

    /**
     * Ready once the consumer joined its group (an empty assignment counts: a spare instance is healthy), while it
     * holds a connection to Kafka and no batch is waiting for the sink to come back. The sink is first reached by
     * the first batch; until then it is taken as reachable.
     */
    Readiness readiness()
    {
        if (!running) {
            return Readiness.notReady("stopping");
        }
        if (!joined) {
            return Readiness.notReady("waiting to join consumer group " + settings.groupIdFor(writer.sink()));
        }
        if (!KafkaClientHealth.connected(consumerMetrics)) {
            return Readiness.notReady("no connection to Kafka at " + settings.kafka().bootstrapServers());
        }
        return sinkFailure.map(failure -> Readiness.notReady("%s sink failing: %s".formatted(writer.sink().label(), failure)))
                .orElseGet(() -> Readiness.ready("landing %d partitions into %s".formatted(assignedPartitions, writer.sink().label())));
    }

    void stop()
    {
        running = false;
        consumer.wakeup();
    }

    /**
     * Whether a batch was landed (its transaction committed) since the loop started.
     */
    boolean landedAny()
    {
        return landedAny;
    }

    /**
     * Closes the loop's Kafka clients, after {@link #run()} returned or threw.
     */
    @Override
    public void close()
    {
        closeQuietly(consumer);
        closeQuietly(producer);
    }

    static void closeQuietly(AutoCloseable closeable)
    {
        try {
            closeable.close();
        }
        catch (Exception e) {
            log.warn("closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }

    @Override
    public void run()
    {
        producer.initTransactions();
        consumer.subscribe(settings.topicPattern(), new Rebalance());
        try {
            while (running) {
                long now = System.nanoTime();
                yieldStalledBatches(now);
                wakeStalled(now);
                measureLag(now);
                resumeDue();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (TopicPartition partition : records.partitions()) {
                    PartitionState state = partitions.get(partition);
                    for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                        if (!running || !handle(state, record)) {
                            // the partition was sought back or paused: the rest of this fetch is read again later
                            break;
                        }
                    }
                }
            }
        }
        catch (WakeupException e) {
            if (running) {
                throw e;
            }
        }
        finally {
            partitions.values().forEach(this::abortBatch);
            lags.forget(partitions.keySet());
            partitions.clear();
        }
    }

    /**
     * @return false if the partition's position moved (retry, rejection, waiting for a batch slot)
     */
    private boolean handle(PartitionState state, ConsumerRecord<byte[], byte[]> record)
    {
        if (state.batch == null && !openBatch(state, record.offset())) {
            return false;
        }
        Batch batch = state.batch;
        batch.lastOffset = record.offset();
        batch.lastRecordNanos = System.nanoTime();
        batch.inputBytes += record.value() == null ? 0 : record.value().length;
        if (batch.sink.isEmpty()) {
            if (ChunkMarker.isMarker(record.headers())) {
                // the sub-chunk ends without the rows the sink rejected: its event says how many landed, so the
                // tracker fails the dataset now instead of waiting out the deadline of a chunk that never lands
                endSubChunk(state, batch, record);
            }
            else {
                // a record that was a dead letter of its own keeps its reason: re-sending it as part of the batch
                // would send it back to the sink
                batch.deadLetters.add(decode(state.topic, record) instanceof Malformed(DeadLetter letter) ? letter : DeadLetter.of(record, REJECTED_BATCH, state.rejectReason));
            }
            return record.offset() < state.rejectUntil || complete(state);
        }
        if (ChunkMarker.isMarker(record.headers())) {
            endSubChunk(state, batch, record);
            return complete(state);
        }
        if (!row(state, batch, record)) {
            return false;
        }
        // rows or a marker may never follow a stray record after a partition's last chunk, and its batch would hold
        // the batch slot for good
        return (batch.rows > 0 && batch.rows < state.budget.rows() && batch.inputBytes < state.budget.bytes()) || complete(state);
    }

    private boolean openBatch(PartitionState state, long offset)
    {
        BatchKey key = new BatchKey(state.topic.dataset(), state.topic.table(), state.topic.topic(), state.partition.partition(), offset);
        if (state.rejectUntil >= offset) {
            state.batch = new Batch(key, Optional.empty(), copy(state.open));
            return true;
        }
        if (openSinkBatches >= settings.maxOpenBatches()) {
            if (state.slotQueuedAtNanos.isEmpty()) {
                state.slotQueuedAtNanos = OptionalLong.of(System.nanoTime());
            }
            state.waitingForSlot = true;
            pause(state, offset);
            return false;
        }
        try {
            state.batch = new Batch(key, Optional.of(writer.open(key, state.topic.schema())), copy(state.open));
            state.slotQueuedAtNanos = OptionalLong.empty();
            openSinkBatches++;
            return true;
        }
        catch (RetryableSinkException e) {
            sinkFailed(state, e);
            retryLater(state, offset, e);
            return false;
        }
    }

    private boolean row(PartitionState state, Batch batch, ConsumerRecord<byte[], byte[]> record)
    {
        return switch (decode(state.topic, record)) {
            case Malformed(DeadLetter letter) -> {
                batch.deadLetters.add(letter);
                yield true;
            }
            case Block(int part, List<ByteBuffer> payloads) -> rows(state, batch, record, part, payloads);
        };
    }

    private boolean rows(PartitionState state, Batch batch, ConsumerRecord<byte[], byte[]> record, int part, List<ByteBuffer> payloads)
    {
        OpenSubChunk chunk = null;
        for (int i = 0; i < payloads.size(); i++) {
            ByteBuffer payload = payloads.get(i);
            try {
                batch.sink.orElseThrow().append(payload);
            }
            catch (UndecodableMessageException e) {
                // the record's other rows land; this one goes alone, as a message of its own
                batch.deadLetters.add(DeadLetter.ofRow(record, state.topic.fingerprint(), payload, e.reason().name(),
                        payloads.size() == 1 ? e.getMessage() : "%s (row %d of %d in the record)".formatted(e.getMessage(), i + 1, payloads.size())));
                continue;
            }
            catch (RetryableSinkException e) {
                failBatch(state, e);
                return false;
            }
            if (chunk == null) {
                chunk = batch.open.computeIfAbsent(part, _ -> new OpenSubChunk());
                batch.written.add(part);
            }
            chunk.add(payload);
            batch.rows++;
        }
        return true;
    }

    /** A row record as {@link #decode} finds it. */
    private sealed interface Decoded permits Block, Malformed {}

    /** The rows of one part. */
    private record Block(int part, List<ByteBuffer> payloads)
            implements Decoded {}

    /** Not a block of the topic's rows under a part key: the record goes to the dead-letter topic as a whole. */
    private record Malformed(DeadLetter letter)
            implements Decoded {}

    private static Decoded decode(RowTopic topic, ConsumerRecord<byte[], byte[]> record)
    {
        Optional<Integer> part = partOf(record);
        if (part.isEmpty()) {
            return new Malformed(DeadLetter.of(record, "BAD_KEY", "row key is not a 4-byte part number"));
        }
        try {
            return new Block(part.get(), payloads(topic, record.value()));
        }
        catch (UndecodableMessageException e) {
            return new Malformed(DeadLetter.of(record, e.reason().name(), e.getMessage()));
        }
    }

    private static List<ByteBuffer> payloads(RowTopic topic, byte[] value)
    {
        if (value == null) {
            throw new UndecodableMessageException(UndecodableMessageException.Reason.TRUNCATED, "row record has no value");
        }
        RowBlock.Rows rows = RowBlock.read(value);
        if (rows.fingerprint() != topic.fingerprint()) {
            throw new UndecodableMessageException(UndecodableMessageException.Reason.UNKNOWN_FINGERPRINT, "rows name schema %s, but %s rows are %s".formatted(
                    SingleObjectEncoding.formatFingerprint(rows.fingerprint()), topic.topic(), SingleObjectEncoding.formatFingerprint(topic.fingerprint())));
        }
        return rows.payloads();
    }

    private void endSubChunk(PartitionState state, Batch batch, ConsumerRecord<byte[], byte[]> record)
    {
        marker(state, batch, record).ifPresent(produced -> {
            OpenSubChunk chunk = Optional.ofNullable(batch.open.remove(produced.part())).orElseGet(OpenSubChunk::new);
            batch.landed.add(new LandedSubChunk(produced, chunk));
        });
    }

    private Optional<ChunkProduced> marker(PartitionState state, Batch batch, ConsumerRecord<byte[], byte[]> record)
    {
        try {
            ChunkProduced produced = markers.decode(record.value() == null ? new byte[0] : record.value());
            if (!produced.dataset().equals(state.topic.dataset()) || !produced.table().equals(state.topic.table()) || partOf(record).orElse(-1) != produced.part()) {
                batch.deadLetters.add(DeadLetter.of(record, "BAD_MARKER", "end-of-chunk marker for %s %s part %d is on %s with key %s".formatted(
                        produced.dataset(), produced.table(), produced.part(), state.topic.topic(), partOf(record).map(String::valueOf).orElse("(none)"))));
                return Optional.empty();
            }
            return Optional.of(produced);
        }
        catch (UndecodableMessageException e) {
            batch.deadLetters.add(DeadLetter.of(record, e.reason().name(), e.getMessage()));
        }
        catch (IllegalArgumentException e) {
            batch.deadLetters.add(DeadLetter.of(record, "BAD_MARKER", String.valueOf(e.getMessage())));
        }
        return Optional.empty();
    }

    private static Optional<Integer> partOf(ConsumerRecord<byte[], byte[]> record)
    {
        try {
            return Optional.of(PartKey.decode(record.key()));
        }
        catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes the open batch durable and commits it.
     *
     * @return false if it failed and the partition was sought back
     */
    private boolean complete(PartitionState state)
    {
        try (LogContext context = batchContext(state, state.batch.key.firstOffset())) {
            return completeBatch(state);
        }
    }

    private static LogContext batchContext(PartitionState state, long firstOffset)
    {
        return LogContext.open()
                .with(LogContext.DATASET, state.topic.dataset())
                .with(LogContext.TABLE, state.topic.table())
                .with(LogContext.BATCH, "%s/%d@%d".formatted(state.topic.topic(), state.partition.partition(), firstOffset));
    }

    private boolean completeBatch(PartitionState state)
    {
        Batch batch = state.batch;
        BatchResult result = new BatchResult(0, 0, List.of());
        if (batch.sink.isPresent()) {
            long start = System.nanoTime();
            try {
                result = batch.sink.get().complete(batch.lastOffset);
            }
            catch (RetryableSinkException e) {
                failBatch(state, e);
                return false;
            }
            catch (RejectedBatchException e) {
                // the sink answered, if only to refuse these rows: it is not failing them
                sinkAnswered(state);
                batch.sink.get().abort();
                releaseSlot(state);
                state.rejectUntil = batch.lastOffset;
                state.rejectReason = "%s: %s".formatted(REJECTED_BATCH, e.getMessage());
                log.error("{} rejected the batch {}-{} of {}: {}; its records go to {}", writer.sink(), batch.key.firstOffset(), batch.lastOffset, state.partition, e.getMessage(), settings.dlqTopic());
                consumer.seek(state.partition, batch.key.firstOffset());
                return false;
            }
            metrics.batchWritten(Duration.ofNanos(System.nanoTime() - start));
            sinkAnswered(state);
            releaseSlot(state);
            for (LandedSubChunk landed : batch.landed) {
                if (batch.written.contains(landed.produced().part())) {
                    landed.chunk().addObjects(result.objects());
                }
            }
            for (Integer part : batch.written) {
                OpenSubChunk open = batch.open.get(part);
                if (open != null) {
                    open.addObjects(result.objects());
                }
            }
        }
        else {
            state.batch = null;
        }
        try {
            commit(state, batch);
        }
        catch (KafkaException e) {
            if (isFatal(e)) {
                throw e;
            }
            try {
                producer.abortTransaction();
            }
            catch (RuntimeException abortFailed) {
                if (abortFailed instanceof KafkaException abortError && isFatal(abortError)) {
                    // fenced: another instance has the transactional id, and new clients would only fence it back
                    abortError.addSuppressed(e);
                    throw abortError;
                }
                // a producer in a fatal state, or whose commit timed out, refuses to abort: new clients settle the
                // transaction as a restarted process would, the next producer's initTransactions ending it
                e.addSuppressed(abortFailed);
                throw e;
            }
            retryLater(state, batch.key.firstOffset(), e);
            return false;
        }
        landedAny = true;
        state.open = batch.open;
        state.budget = budget;
        state.failures = 0;
        if (batch.lastOffset >= state.rejectUntil) {
            state.rejectUntil = -1;
        }
        metrics.rowsLanded(state.topic.dataset().toString(), state.topic.table(), result.rows());
        batch.deadLetters.forEach(letter -> metrics.dlqRecord(letter.topic(), letter.reasonCode()));
        batch.landed.forEach(_ -> metrics.chunkLanded(state.topic.dataset().toString(), state.topic.table()));
        landing.batchLanded(state.partition.toString(), result.rows(), batch.landed.size());
        log.debug("{} landed {} rows of {} offsets {}-{} in {}", writer.sink(), result.rows(), state.partition, batch.key.firstOffset(), batch.lastOffset, result.objects());
        return true;
    }

    private void commit(PartitionState state, Batch batch)
    {
        producer.beginTransaction();
        for (DeadLetter letter : batch.deadLetters) {
            producer.send(letter.toProducerRecord(settings.dlqTopic()));
        }
        long now = System.currentTimeMillis();
        for (LandedSubChunk landed : batch.landed) {
            ChunkProduced produced = landed.produced();
            OpenSubChunk chunk = landed.chunk();
            if (chunk.rows() != produced.rows() || chunk.checksum() != produced.checksum()) {
                log.warn("{} {} part {} sub-chunk {}: landed {} rows checksum {}, the marker says {} rows checksum {}", produced.dataset(), produced.table(), produced.part(),
                        produced.subChunk(), chunk.rows(), Long.toHexString(chunk.checksum()), produced.rows(), Long.toHexString(produced.checksum()));
            }
            ChunkLanded event = new ChunkLanded(produced.dataset(), produced.table(), produced.part(), produced.parts(), produced.subChunk(), produced.subChunks(),
                    writer.sink(), chunk.rows(), chunk.checksum(), chunk.objects(), chunk.bytes(), now);
            producer.send(new ProducerRecord<>(settings.eventsTopic(), event.key().getBytes(StandardCharsets.UTF_8), events.encode(event)));
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = Map.of(state.partition, new OffsetAndMetadata(batch.lastOffset + 1, OffsetMetadata.encode(batch.open, budget)));
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
    }

    private static boolean isFatal(KafkaException e)
    {
        return e instanceof ProducerFencedException || e instanceof InvalidProducerEpochException || e instanceof UnsupportedVersionException
                || e instanceof AuthorizationException;
    }

    private void failBatch(PartitionState state, RuntimeException cause)
    {
        sinkFailed(state, cause);
        Batch batch = state.batch;
        batch.sink.ifPresent(OpenBatch::abort);
        releaseSlot(state);
        retryLater(state, batch.key.firstOffset(), cause);
    }

    private void sinkFailed(PartitionState state, RuntimeException cause)
    {
        state.sinkFailure = Optional.of(String.valueOf(cause.getMessage()));
        showSinkFailure();
    }

    private void sinkAnswered(PartitionState state)
    {
        state.sinkFailure = Optional.empty();
        showSinkFailure();
    }

    /**
     * Readiness shows a partition whose batch waits for the sink until that partition lands: another partition's
     * success does not mean the sink takes this one's rows (a table it is slow to take, one of its shards down).
     */
    private void showSinkFailure()
    {
        sinkFailure = partitions.values().stream()
                .flatMap(state -> state.sinkFailure.map(failure -> "%s: %s".formatted(state.partition, failure)).stream())
                .findFirst();
    }

    private void retryLater(PartitionState state, long offset, RuntimeException cause)
    {
        state.batch = null;
        state.failures++;
        metrics.retried();
        long min = settings.retryBackoffMin().toMillis();
        long backoff = Math.min(settings.retryBackoffMax().toMillis(), min << Math.min(20, state.failures - 1));
        state.retryAtNanos = System.nanoTime() + backoff * 1_000_000;
        try (LogContext context = batchContext(state, offset)) {
            log.warn("{} cannot land {} from offset {} (attempt {}), retrying in {} ms: {}", writer.sink(), state.partition, offset, state.failures, backoff, cause.getMessage());
        }
        pause(state, offset);
    }

    private void pause(PartitionState state, long offset)
    {
        consumer.seek(state.partition, offset);
        consumer.pause(List.of(state.partition));
        state.paused = true;
    }

    private void releaseSlot(PartitionState state)
    {
        if (state.batch != null && state.batch.sink.isPresent()) {
            openSinkBatches--;
        }
        state.batch = null;
    }

    /**
     * Resumes the partitions whose retry is due, and as many of those waiting for a batch slot as there are free
     * slots, longest waiting first: resuming them all would fetch data for each only to seek most of them back.
     */
    private void resumeDue()
    {
        long now = System.nanoTime();
        List<PartitionState> resume = new ArrayList<>();
        List<PartitionState> waiting = new ArrayList<>();
        for (PartitionState state : partitions.values()) {
            if (state.paused && state.stalledAt.isEmpty() && now - state.retryAtNanos >= 0) {
                (state.waitingForSlot ? waiting : resume).add(state);
            }
        }
        waiting.sort(Comparator.comparingLong(state -> state.slotQueuedAtNanos.orElse(now)));
        resume.addAll(waiting.subList(0, Math.clamp(settings.maxOpenBatches() - openSinkBatches, 0, waiting.size())));
        if (!resume.isEmpty()) {
            resume.forEach(state -> {
                state.paused = false;
                state.waitingForSlot = false;
            });
            consumer.resume(resume.stream().map(state -> state.partition).toList());
        }
    }

    /**
     * Takes the batch slot from a batch that has read every record its partition has and has waited
     * {@code markerWait} for more while other partitions wait for the slot. A generator's rows and marker commit
     * together, so such rows come from another producer, or the open transaction of a part that shares the
     * partition holds their marker back; either way the other partitions need not wait. The partition reads the
     * rows again once its end offset moves.
     */
    private void yieldStalledBatches(long now)
    {
        if (partitions.values().stream().noneMatch(state -> state.waitingForSlot)) {
            return;
        }
        for (PartitionState state : partitions.values()) {
            Batch batch = state.batch;
            if (batch != null && batch.sink.isPresent() && now - batch.lastRecordNanos >= settings.markerWait().toNanos()
                    && consumer.currentLag(state.partition).orElse(-1) == 0) {
                try (LogContext context = batchContext(state, batch.key.firstOffset())) {
                    log.warn("{} {}: the rows at offsets {}-{} have had no end-of-chunk marker for {}; other partitions land first, and this one reads them again when more records come",
                            writer.sink(), state.partition, batch.key.firstOffset(), batch.lastOffset, DurationText.of(settings.markerWait()));
                }
                state.stalledAt = OptionalLong.of(consumer.position(state.partition));
                abortBatch(state);
                pause(state, batch.key.firstOffset());
            }
        }
    }

    /**
     * Queues stalled partitions for the batch slot again once their end offset moved ({@code read_committed}, so
     * records of an open transaction do not count), as often as topics are refreshed.
     */
    private void wakeStalled(long now)
    {
        if (now - stallCheckedAtNanos < settings.topicRefresh().toNanos()) {
            return;
        }
        stallCheckedAtNanos = now;
        List<PartitionState> stalled = partitions.values().stream().filter(state -> state.stalledAt.isPresent()).toList();
        if (stalled.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(stalled.stream().map(state -> state.partition).toList(), END_OFFSETS_TIMEOUT);
        }
        catch (KafkaException e) {
            log.debug("cannot read the end offsets of stalled partitions, trying again later: {}", e.toString());
            return;
        }
        for (PartitionState state : stalled) {
            long end = ends.getOrDefault(state.partition, 0L);
            if (end > state.stalledAt.getAsLong()) {
                log.info("{} {}: more records came (end offset {}, was {}); it lands in turn", writer.sink(), state.partition, end, state.stalledAt.getAsLong());
                state.stalledAt = OptionalLong.empty();
                state.waitingForSlot = true;
                state.slotQueuedAtNanos = OptionalLong.of(now);
            }
        }
    }

    /**
     * Measures each partition's lag from its end offset and position, every {@link #LAG_MEASURE}: the client's own
     * {@code records-lag} stops at its last fetch when a partition is paused (a sink failing, rows waiting for their
     * marker or a batch slot), so it showed none of the rows that came meanwhile. A paused partition's position is
     * where it reads again, so its lag counts every record not landed.
     */
    private void measureLag(long now)
    {
        if (now - lagMeasuredAtNanos < LAG_MEASURE.toNanos() || partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(partitions.keySet(), LAG_END_OFFSETS_TIMEOUT);
        }
        catch (KafkaException e) {
            log.debug("cannot read the end offsets to measure the lag, trying again later: {}", e.toString());
            return;
        }
        finally {
            // from the end of the call: a partition without a leader fails it only after its timeout
            lagMeasuredAtNanos = System.nanoTime();
        }
        ends.forEach((partition, end) -> {
            try {
                lags.report(partition, Math.max(0, end - consumer.position(partition, Duration.ZERO)));
            }
            catch (KafkaException e) {
                // no position yet (its committed offset not fetched): measured next time
            }
        });
    }

    private void abortBatch(PartitionState state)
    {
        if (state.batch != null) {
            state.batch.sink.ifPresent(OpenBatch::abort);
            releaseSlot(state);
        }
    }

    private static Map<Integer, OpenSubChunk> copy(Map<Integer, OpenSubChunk> open)
    {
        Map<Integer, OpenSubChunk> copy = new TreeMap<>();
        open.forEach((part, chunk) -> copy.put(part, chunk.copy()));
        return copy;
    }

    private final class Rebalance
            implements ConsumerRebalanceListener
    {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked)
        {
            // cooperative rebalancing revokes only what moves, often nothing; a close revokes everything, which needs
            // no line
            if (running && !revoked.isEmpty()) {
                log.info("{} lander gave up {}", writer.sink(), revoked);
            }
            drop(revoked);
            assignedPartitions = partitions.size();
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost)
        {
            log.warn("{} lander lost {}: its group membership lapsed (e.g. a missed session), so their open batches are dropped and their next owner lands them", writer.sink(), lost);
            drop(lost);
            assignedPartitions = partitions.size();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned)
        {
            joined = true;
            if (assigned.isEmpty()) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(assigned));
            Map<TopicPartition, OffsetAndMetadata> first = new HashMap<>();
            for (TopicPartition partition : assigned) {
                Optional<OffsetAndMetadata> offset = Optional.ofNullable(committed.get(partition));
                OffsetMetadata.Committed metadata = OffsetMetadata.decode(offset.map(OffsetAndMetadata::metadata).orElse(""));
                partitions.put(partition, new PartitionState(partition, RowTopic.parse(partition.topic()), metadata.open(), metadata.budget().orElse(budget)));
                if (offset.isEmpty()) {
                    first.put(partition, new OffsetAndMetadata(consumer.position(partition), OffsetMetadata.encode(Map.of(), budget)));
                }
            }
            if (!first.isEmpty()) {
                // before anything of these partitions lands, their first batch's budget is on record: a batch the sink
                // holds whose commit never happened is cut again as it was, whatever the next instance's settings
                producer.beginTransaction();
                producer.sendOffsetsToTransaction(first, consumer.groupMetadata());
                producer.commitTransaction();
            }
            assigned.forEach(partition -> lag.track(partition.topic()));
            assignedPartitions = partitions.size();
            log.info("{} lander assigned {}", writer.sink(), assigned);
        }

        private void drop(Collection<TopicPartition> dropped)
        {
            lags.forget(dropped);
            for (TopicPartition partition : dropped) {
                PartitionState state = partitions.remove(partition);
                if (state != null) {
                    abortBatch(state);
                }
            }
            showSinkFailure();
        }
    }

    private static final class PartitionState
    {
        final TopicPartition partition;
        final RowTopic topic;
        Map<Integer, OpenSubChunk> open;
        // the budget the next batch is cut by: the committed one after an assignment, the settings' once a batch commits
        OffsetMetadata.Budget budget;
        Batch batch;
        long rejectUntil = -1;
        String rejectReason = "";
        // why its last batch could not land, until one lands or the sink refuses it
        Optional<String> sinkFailure = Optional.empty();
        int failures;
        long retryAtNanos = System.nanoTime();
        boolean paused;
        boolean waitingForSlot;
        // when the partition first waited for the batch slot it still waits for, so slots go round in turn
        OptionalLong slotQueuedAtNanos = OptionalLong.empty();
        // the partition's end offset when its rows gave up the batch slot to wait for more records (paused until then)
        OptionalLong stalledAt = OptionalLong.empty();

        PartitionState(TopicPartition partition, RowTopic topic, Map<Integer, OpenSubChunk> open, OffsetMetadata.Budget budget)
        {
            this.partition = partition;
            this.topic = topic;
            this.open = open;
            this.budget = budget;
        }
    }

    /**
     * One batch of one partition: the sink's open batch (empty while records of a rejected batch go to the
     * dead-letter topic), the sub-chunk state as it will be once the batch is durable, and what to send then.
     */
    private static final class Batch
    {
        final BatchKey key;
        final Optional<OpenBatch> sink;
        final Map<Integer, OpenSubChunk> open;
        final Set<Integer> written = new HashSet<>();
        final List<LandedSubChunk> landed = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        long lastOffset;
        long lastRecordNanos = System.nanoTime();
        long rows;
        long inputBytes;

        Batch(BatchKey key, Optional<OpenBatch> sink, Map<Integer, OpenSubChunk> open)
        {
            this.key = key;
            this.sink = sink;
            this.open = open;
            this.lastOffset = key.firstOffset();
        }
    }

    private record LandedSubChunk(ChunkProduced produced, OpenSubChunk chunk) {}
}
