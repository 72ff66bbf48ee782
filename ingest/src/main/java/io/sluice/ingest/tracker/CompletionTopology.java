package io.sluice.ingest.tracker;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.ingest.tracker.state.ChunkState;
import io.sluice.ingest.tracker.state.DatasetState;
import io.sluice.ingest.tracker.state.PartState;
import io.sluice.ingest.tracker.state.TableState;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.kafka.CodecSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import static java.util.Objects.requireNonNull;

/**
 * The completion tracker as a Kafka Streams topology: {@code sluice.events} in, one processor
 * ({@link CompletionProcessor}) with five changelogged key-value stores, {@code sluice.events} out. Events are
 * keyed by dataset, so all of a dataset's events reach the same task in order and no repartition is needed.
 * The tracker reads back what it writes and ignores it.
 */
public final class CompletionTopology
{
    public static final String SOURCE = "events-in";
    public static final String PROCESSOR = "completion";
    public static final String SINK = "events-out";

    public static final String DATASETS_STORE = "tracker-datasets";
    public static final String TABLES_STORE = "tracker-tables";
    public static final String PARTS_STORE = "tracker-parts";
    public static final String CHUNKS_STORE = "tracker-chunks";
    /** Pending land deadlines, keyed {@code <deadline ms, 19 digits>/<chunk key>} so they iterate in time order. */
    public static final String DEADLINES_STORE = "tracker-deadlines";
    /** Distinct landed objects, keyed {@code <dataset>/<sink>/<table>/<object>}, to count each object once. */
    public static final String OBJECTS_STORE = "tracker-objects";

    private CompletionTopology() {}

    public static Topology build(TrackerSettings settings)
    {
        return build(settings, new TrackerMetrics(new SimpleMeterRegistry(), settings.expectedSinks()));
    }

    /**
     * Builds the topology; no side effects (nothing connects until Kafka Streams runs it).
     */
    public static Topology build(TrackerSettings settings, TrackerMetrics metrics)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(metrics, "metrics is null");
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), settings.eventsTopic());
        topology.addProcessor(PROCESSOR, () -> new CompletionProcessor(settings, metrics), SOURCE);
        topology.addStateStore(store(DATASETS_STORE, state(DatasetState.class)), PROCESSOR);
        topology.addStateStore(store(TABLES_STORE, state(TableState.class)), PROCESSOR);
        topology.addStateStore(store(PARTS_STORE, state(PartState.class)), PROCESSOR);
        topology.addStateStore(store(CHUNKS_STORE, state(ChunkState.class)), PROCESSOR);
        topology.addStateStore(store(DEADLINES_STORE, Serdes.ByteArray()), PROCESSOR);
        topology.addStateStore(store(OBJECTS_STORE, Serdes.ByteArray()), PROCESSOR);
        topology.addSink(SINK, settings.eventsTopic(), Serdes.String().serializer(), Serdes.ByteArray().serializer(), PROCESSOR);
        return topology;
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values)
    {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values);
    }

    /**
     * State values are Avro single-object encoded like the events, so a changelog written by another
     * version of a record fails loudly on its fingerprint instead of decoding into wrong fields.
     */
    private static <V> Serde<V> state(Class<V> type)
    {
        MessageCodec<V> codec = MessageCodec.of(type);
        return new CodecSerde<>(codec::encode, codec::decode);
    }
}
