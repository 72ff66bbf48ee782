package io.sluice.ingest.tracker;

import io.sluice.ingest.tracker.state.ChunkId;
import io.sluice.ingest.tracker.state.ChunkState;
import io.sluice.ingest.tracker.state.DatasetState;
import io.sluice.ingest.tracker.state.LandedChunk;
import io.sluice.ingest.tracker.state.PartState;
import io.sluice.ingest.tracker.state.ProducedChunk;
import io.sluice.ingest.tracker.state.SinkProgress;
import io.sluice.ingest.tracker.state.TableState;
import io.sluice.ops.LogContext;
import io.sluice.schema.DurationText;
import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.ChunkRef;
import io.sluice.schema.event.DatasetFailed;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.event.TableReady;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Joins {@code ChunkProduced} with each expected sink's {@code ChunkLanded} per sub-chunk, in any order and
 * tolerating repeats, and emits {@code TableReady}, {@code DatasetReady} and {@code DatasetFailed}. Every
 * decision is recorded in the stores in the same exactly-once transaction as the event it emits, so a
 * restarted tracker neither repeats nor loses one. Each sink's outcome of a dataset is final: one
 * {@code DatasetReady} or one {@code DatasetFailed}.
 */
final class CompletionProcessor
        implements Processor<String, byte[], String, byte[]>
{
    private static final Logger log = LoggerFactory.getLogger(CompletionProcessor.class);
    private static final byte[] PRESENT = new byte[0];

    private final TrackerSettings settings;
    private final TrackerMetrics metrics;
    private final MessageCodec<PipelineEvent> events = Messages.events();

    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, DatasetState> datasets;
    private KeyValueStore<String, TableState> tables;
    private KeyValueStore<String, PartState> parts;
    private KeyValueStore<String, ChunkState> chunks;
    private KeyValueStore<String, byte[]> deadlines;
    private KeyValueStore<String, byte[]> objects;
    // by the wall clock, when this instance last took a record: a tracker reading nothing for a check interval has read
    // everything there is, one that keeps reading may be working through a backlog (see horizon)
    private long lastReadMs;

    CompletionProcessor(TrackerSettings settings, TrackerMetrics metrics)
    {
        this.settings = requireNonNull(settings, "settings is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context)
    {
        this.context = context;
        this.datasets = context.getStateStore(CompletionTopology.DATASETS_STORE);
        this.tables = context.getStateStore(CompletionTopology.TABLES_STORE);
        this.parts = context.getStateStore(CompletionTopology.PARTS_STORE);
        this.chunks = context.getStateStore(CompletionTopology.CHUNKS_STORE);
        this.deadlines = context.getStateStore(CompletionTopology.DEADLINES_STORE);
        this.objects = context.getStateStore(CompletionTopology.OBJECTS_STORE);
        this.lastReadMs = context.currentSystemTimeMs();
        context.schedule(settings.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireOverdue);
    }

    @Override
    public void process(Record<String, byte[]> record)
    {
        lastReadMs = context.currentSystemTimeMs();
        if (record.value() == null) {
            return;
        }
        PipelineEvent event;
        try {
            event = events.decode(record.value());
        }
        catch (UndecodableMessageException e) {
            metrics.undecodable();
            log.warn("skipping an undecodable event with key {}: {}", record.key(), e.getMessage());
            return;
        }
        metrics.eventRead(event.getClass().getSimpleName());
        switch (event) {
            case DatasetPlanned planned -> {
                try (LogContext context = LogContext.open().with(LogContext.DATASET, planned.dataset())) {
                    onPlanned(planned);
                }
            }
            case ChunkProduced produced -> {
                try (LogContext context = chunkContext(produced.dataset(), produced.table(), "%d/%d.%d".formatted(produced.part(), produced.parts(), produced.subChunk()))) {
                    onProduced(produced);
                }
            }
            case ChunkLanded landed -> {
                try (LogContext context = chunkContext(landed.dataset(), landed.table(), "%d/%d.%d".formatted(landed.part(), landed.parts(), landed.subChunk()))) {
                    onLanded(landed);
                }
            }
            default -> { } // the tracker's own output and other services' events
        }
    }

    private static LogContext chunkContext(DatasetId dataset, String table, String chunk)
    {
        return LogContext.open().with(LogContext.DATASET, dataset).with(LogContext.TABLE, table).with(LogContext.CHUNK, chunk);
    }

    private void onPlanned(DatasetPlanned planned)
    {
        DatasetState dataset = dataset(planned.dataset());
        if (dataset.plan().isEmpty()) {
            datasets.put(planned.dataset().toString(), dataset.withPlan(planned));
            settings.expectedSinks().forEach(sink -> checkDatasetReady(planned.dataset(), sink));
            return;
        }
        DatasetPlanned first = dataset.plan().get();
        if (!first.samePlanAs(planned)) {
            fail(planned.dataset(), Optional.empty(), Optional.empty(), Optional.empty(), ("planned twice differently: tables %s in %d parts, then tables %s in %d parts"
                    + " (a dataset keeps its first plan: generate it with those tables and parts, or into a Kafka that does not hold it yet)")
                    .formatted(first.tables(), first.parts(), planned.tables(), planned.parts()));
        }
    }

    private void onProduced(ChunkProduced produced)
    {
        ChunkId id = new ChunkId(produced.dataset(), produced.table(), produced.part(), produced.subChunk());
        ChunkRef ref = new ChunkRef(produced.part(), produced.parts(), produced.subChunk());
        if (!registerPart(id, ref, produced.subChunks())) {
            return;
        }
        ChunkState chunk = chunk(id);
        ProducedChunk current = new ProducedChunk(produced.rows(), produced.checksum(), produced.producedAtMs());
        if (chunk.produced().isPresent()) {
            ProducedChunk earlier = chunk.produced().get();
            if (earlier.rows() != current.rows() || earlier.checksum() != current.checksum()) {
                fail(id.dataset(), Optional.empty(), Optional.of(id.table()), Optional.of(ref), "produced twice differently: %s, then %s"
                        .formatted(describe(earlier.rows(), earlier.checksum()), describe(current.rows(), current.checksum())));
            }
            else if (earlier.producedAtMs() != current.producedAtMs()) {
                // the same event read again is harmless; the chunk produced again put its rows in Kafka a second time
                fail(id.dataset(), Optional.empty(), Optional.of(id.table()), Optional.of(ref), ("produced twice, at %s and at %s: its rows are in Kafka twice and every sink"
                        + " lands them twice (do two generators produce the same parts?)").formatted(Instant.ofEpochMilli(earlier.producedAtMs()), Instant.ofEpochMilli(current.producedAtMs())));
            }
            return;
        }
        tables.put(id.tableKey(), table(id).withProducedAt(produced.producedAtMs()));
        chunk = chunk.withProduced(current);
        for (LandedChunk landed : chunk.landed()) {
            chunk = compare(id, ref, chunk, landed);
        }
        chunks.put(id.key(), scheduleDeadline(id, chunk));
    }

    private void onLanded(ChunkLanded landed)
    {
        if (!settings.expectedSinks().contains(landed.sink())) {
            return;
        }
        ChunkId id = new ChunkId(landed.dataset(), landed.table(), landed.part(), landed.subChunk());
        ChunkRef ref = new ChunkRef(landed.part(), landed.parts(), landed.subChunk());
        if (!registerPart(id, ref, landed.subChunks())) {
            return;
        }
        ChunkState chunk = chunk(id);
        Optional<LandedChunk> earlier = chunk.landed(landed.sink());
        if (earlier.isPresent()) {
            if (earlier.get().rows() != landed.rows() || earlier.get().checksum() != landed.checksum()) {
                fail(id.dataset(), Optional.of(landed.sink()), Optional.of(id.table()), Optional.of(ref), "%s landed twice differently: %s, then %s".formatted(
                        landed.sink().label(), describe(earlier.get().rows(), earlier.get().checksum()), describe(landed.rows(), landed.checksum())));
            }
            else if (!Set.copyOf(earlier.get().objects()).equals(Set.copyOf(landed.objects()))) {
                // landing again into the same objects overwrites them (Parquet) or is deduplicated (ClickHouse's tokens)
                fail(id.dataset(), Optional.of(landed.sink()), Optional.of(id.table()), Optional.of(ref), "%s landed twice, into %s and into %s: it holds the rows twice".formatted(
                        landed.sink().label(), earlier.get().objects(), landed.objects()));
            }
            return;
        }
        LandedChunk current = new LandedChunk(landed.sink(), landed.rows(), landed.checksum(), landed.bytes(), landed.objects(), landed.landedAtMs(), false);
        chunk = chunk.withLanded(current);
        if (chunk.produced().isPresent()) {
            chunk = compare(id, ref, chunk, current);
        }
        ChunkState state = chunk;
        if (chunk.deadlineMs() != 0 && settings.expectedSinks().stream().allMatch(sink -> landedIn(state, sink))) {
            deadlines.delete(deadlineKey(chunk.deadlineMs(), id));
            chunk = chunk.withDeadline(0);
        }
        chunks.put(id.key(), chunk);
    }

    /**
     * Records the part's sub-chunk count the first time one of its events arrives; a later event that
     * disagrees, on the sub-chunk count or on the table's part count, fails the dataset.
     *
     * @return whether the event is consistent with what is known
     */
    private boolean registerPart(ChunkId id, ChunkRef ref, int subChunks)
    {
        PartState part = parts.get(id.partKey());
        if (part != null) {
            if (part.parts() != ref.parts() || part.subChunks() != subChunks) {
                fail(id.dataset(), Optional.empty(), Optional.of(id.table()), Optional.of(ref), "part %d was announced as one of %d parts in %d sub-chunks, now of %d parts in %d sub-chunks"
                        .formatted(ref.part(), part.parts(), part.subChunks(), ref.parts(), subChunks));
                return false;
            }
            return true;
        }
        TableState table = table(id);
        if (table.parts() != 0 && table.parts() != ref.parts()) {
            fail(id.dataset(), Optional.empty(), Optional.of(id.table()), Optional.of(ref), "table was announced in %d parts, now in %d".formatted(table.parts(), ref.parts()));
            return false;
        }
        Optional<DatasetPlanned> plan = dataset(id.dataset()).plan();
        if (plan.isPresent() && plan.get().parts() != ref.parts()) {
            fail(id.dataset(), Optional.empty(), Optional.of(id.table()), Optional.of(ref), "dataset was planned in %d parts, but this chunk is one of %d".formatted(plan.get().parts(), ref.parts()));
            return false;
        }
        parts.put(id.partKey(), new PartState(ref.parts(), subChunks));
        tables.put(id.tableKey(), table.withPart(ref.parts(), subChunks));
        return true;
    }

    private ChunkState compare(ChunkId id, ChunkRef ref, ChunkState chunk, LandedChunk landed)
    {
        if (landed.compared()) {
            return chunk;
        }
        ProducedChunk produced = chunk.produced().orElseThrow();
        if (produced.rows() != landed.rows() || produced.checksum() != landed.checksum()) {
            fail(id.dataset(), Optional.of(landed.sink()), Optional.of(id.table()), Optional.of(ref), "%s landed %s, produced %s".formatted(
                    landed.sink().label(), describe(landed.rows(), landed.checksum()), describe(produced.rows(), produced.checksum())));
            return chunk.withLanded(landed.asCompared());
        }
        long newObjects = landed.objects().stream().filter(object -> addObject(id, landed.sink(), object)).count();
        TableState table = table(id);
        table = table.with(table.progress(landed.sink()).plus(landed, newObjects));
        tables.put(id.tableKey(), table);
        checkTableReady(id.dataset(), id.table(), landed.sink());
        return chunk.withLanded(landed.asCompared());
    }

    private boolean addObject(ChunkId id, Sink sink, String object)
    {
        String key = "%s/%s/%s/%s".formatted(id.dataset(), sink, id.table(), object);
        if (objects.get(key) != null) {
            return false;
        }
        objects.put(key, PRESENT);
        return true;
    }

    private ChunkState scheduleDeadline(ChunkId id, ChunkState chunk)
    {
        if (settings.expectedSinks().stream().allMatch(sink -> landedIn(chunk, sink))) {
            return chunk;
        }
        long deadline = context.currentSystemTimeMs() + settings.landTimeout().toMillis();
        deadlines.put(deadlineKey(deadline, id), PRESENT);
        return chunk.withDeadline(deadline);
    }

    private void expireOverdue(long now)
    {
        long horizon = horizon(now);
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> pending = deadlines.all()) {
            while (pending.hasNext()) {
                KeyValue<String, byte[]> entry = pending.next();
                long deadline = Long.parseLong(entry.key.substring(0, 19));
                if (deadline > horizon) {
                    if (deadline <= now) {
                        log.info("deadlines past since {} wait until the events written by then are read (read up to {}, {} behind)",
                                Instant.ofEpochMilli(deadline), Instant.ofEpochMilli(horizon), DurationText.of(Duration.ofMillis(now - horizon)));
                    }
                    break;
                }
                due.add(entry.key);
            }
        }
        for (String key : due) {
            deadlines.delete(key);
            ChunkId id = ChunkId.parse(key.substring(20));
            ChunkState chunk = chunk(id);
            TableState table = table(id);
            long later = 0;
            try (LogContext context = chunkContext(id.dataset(), id.table(), "%d/%d.%d".formatted(id.part(), table.parts(), id.subChunk()))) {
                for (Sink sink : settings.expectedSinks().stream().sorted().toList()) {
                    if (landedIn(chunk, sink)) {
                        continue;
                    }
                    long stuckAt = lastLandedAtMs(id, sink) + settings.landTimeout().toMillis();
                    if (stuckAt > horizon && !dataset(id.dataset()).decided(sink)) {
                        later = Math.max(later, stuckAt);
                        continue;
                    }
                    fail(id.dataset(), Optional.of(sink), Optional.of(id.table()), Optional.of(new ChunkRef(id.part(), table.parts(), id.subChunk())),
                            "%s did not land the chunk within %s of its ChunkProduced, nor any other chunk of the dataset in that time"
                                    .formatted(sink.label(), DurationText.of(settings.landTimeout())));
                }
            }
            if (later > 0) {
                deadlines.put(deadlineKey(later, id), PRESENT);
            }
            chunks.put(id.key(), chunk.withDeadline(later));
        }
    }

    /**
     * Up to when deadlines can be judged. A tracker that was down reads the events written meanwhile, landings among
     * them, on its return; a deadline that passed while it was down may have been met by a landing it has not read yet,
     * and judging it by the wall clock failed the sink. So while it keeps reading, it judges up to the time of the
     * newest event read (stream time, by the writers' clocks); once a check interval passes with nothing to read, it
     * has caught up and judges up to now.
     */
    private long horizon(long now)
    {
        if (now - lastReadMs >= settings.checkInterval().toMillis()) {
            return now;
        }
        return Math.min(now, context.currentStreamTimeMs());
    }

    /**
     * When the sink last landed a chunk of the dataset, by its lander's clock. A sink that works through a backlog
     * lands a chunk long after it was produced, but goes on landing others; one that lands nothing is stuck.
     */
    private long lastLandedAtMs(ChunkId id, Sink sink)
    {
        long last = 0;
        for (String name : dataset(id.dataset()).plan().map(DatasetPlanned::tables).orElse(List.of(id.table()))) {
            TableState table = tables.get(ChunkId.tableKey(id.dataset(), name));
            if (table != null) {
                last = Math.max(last, table.progress(sink).lastLandedAtMs());
            }
        }
        return last;
    }

    private void checkTableReady(DatasetId dataset, String name, Sink sink)
    {
        TableState table = tables.get(ChunkId.tableKey(dataset, name));
        SinkProgress progress = table.progress(sink);
        if (progress.ready() || !table.complete(sink)) {
            return;
        }
        tables.put(ChunkId.tableKey(dataset, name), table.with(progress.asReady()));
        long now = context.currentSystemTimeMs();
        emit(new TableReady(dataset, name, sink, table.parts(), progress.rows(), progress.checksum(), progress.bytes(), progress.objects(), now), now);
        metrics.tableReady(sink);
        checkDatasetReady(dataset, sink);
    }

    private void checkDatasetReady(DatasetId dataset, Sink sink)
    {
        DatasetState state = dataset(dataset);
        if (state.plan().isEmpty() || state.decided(sink)) {
            return;
        }
        long rows = 0;
        long bytes = 0;
        long objectCount = 0;
        long firstProduced = Long.MAX_VALUE;
        long lastLanded = 0;
        for (String name : state.plan().get().tables()) {
            TableState table = tables.get(ChunkId.tableKey(dataset, name));
            if (table == null || !table.progress(sink).ready()) {
                return;
            }
            SinkProgress progress = table.progress(sink);
            rows += progress.rows();
            bytes += progress.bytes();
            objectCount += progress.objects();
            firstProduced = Math.min(firstProduced, table.firstProducedAtMs());
            lastLanded = Math.max(lastLanded, progress.lastLandedAtMs());
        }
        datasets.put(dataset.toString(), state.withReady(sink));
        long duration = Math.max(0, lastLanded - firstProduced);
        emit(new DatasetReady(dataset, sink, state.plan().get().tables(), rows, bytes, objectCount, duration), context.currentSystemTimeMs());
        metrics.datasetReady(sink);
        log.info("{} ready in {}: {} tables, {} rows, {} bytes, {} objects, {} ms", dataset, sink.label(), state.plan().get().tables().size(), rows, bytes, objectCount, duration);
    }

    /**
     * Emits a {@code DatasetFailed} for the sink, or for each expected sink still undecided when none is given (a
     * generator-side problem concerns them all), unless their outcome was emitted already. The tracker's failures
     * always name their sink: one without a sink is a generator's, which a later run of the generator may get over
     * ({@link DatasetWaiter}), where the tracker's are final.
     */
    private void fail(DatasetId dataset, Optional<Sink> sink, Optional<String> table, Optional<ChunkRef> chunk, String reason)
    {
        DatasetState state = dataset(dataset);
        List<Sink> undecided = settings.expectedSinks().stream()
                .filter(candidate -> sink.isEmpty() || sink.get() == candidate)
                .filter(candidate -> !state.decided(candidate))
                .sorted()
                .toList();
        if (undecided.isEmpty()) {
            log.warn("{} {}: {} (outcome already emitted, not reported again)", dataset, table.orElse(""), reason);
            return;
        }
        DatasetState updated = state;
        long now = context.currentSystemTimeMs();
        for (Sink failed : undecided) {
            updated = updated.withFailed(failed);
            metrics.datasetFailed(failed);
            emit(new DatasetFailed(dataset, Optional.of(failed), table, chunk, reason, now), now);
        }
        datasets.put(dataset.toString(), updated);
        log.warn("{} failed{}{}{}: {}", dataset, sink.map(value -> " in " + value.label()).orElse(""), table.map(value -> " table " + value).orElse(""),
                chunk.map(value -> " chunk %d/%d sub-chunk %d".formatted(value.part(), value.parts(), value.subChunk())).orElse(""), reason);
    }

    private void emit(PipelineEvent event, long timestamp)
    {
        context.forward(new Record<>(event.key(), events.encode(event), timestamp));
    }

    private static boolean landedIn(ChunkState chunk, Sink sink)
    {
        return chunk.landed(sink).isPresent();
    }

    private DatasetState dataset(DatasetId dataset)
    {
        return Optional.ofNullable(datasets.get(dataset.toString())).orElse(DatasetState.EMPTY);
    }

    private TableState table(ChunkId id)
    {
        return Optional.ofNullable(tables.get(id.tableKey())).orElse(TableState.EMPTY);
    }

    private ChunkState chunk(ChunkId id)
    {
        return Optional.ofNullable(chunks.get(id.key())).orElse(ChunkState.EMPTY);
    }

    private static String deadlineKey(long deadline, ChunkId id)
    {
        return "%019d/%s".formatted(deadline, id.key());
    }

    private static String describe(long rows, long checksum)
    {
        return "%d rows, checksum %016x".formatted(rows, checksum);
    }
}
