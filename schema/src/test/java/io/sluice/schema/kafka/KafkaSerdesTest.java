package io.sluice.schema.kafka;

import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.command.Command;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.event.MessageSamples;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.result.QueryResult;
import io.sluice.schema.row.GeneratedRows;
import io.sluice.schema.row.TpcdsRowConverter;
import io.sluice.schema.topic.Topics;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSerdesTest
{
    @Test
    void eventsCommandsAndResultsRoundTrip()
    {
        assertRoundTrips(KafkaSerdes.events(), Topics.EVENTS, MessageSamples.events());
        assertRoundTrips(KafkaSerdes.commands(), Topics.CONTROL, MessageSamples.commands());
        assertRoundTrips(KafkaSerdes.results(), Topics.RESULTS, MessageSamples.results());
    }

    @Test
    void rowsRoundTrip()
    {
        TpcdsRowConverter converter = TpcdsRowConverter.of("customer");
        try (Serde<GenericRecord> serde = KafkaSerdes.rows(Benchmark.TPCDS, "customer")) {
            for (List<String> row : GeneratedRows.tpcds(io.trino.tpcds.Table.CUSTOMER, 100)) {
                GenericData.Record record = converter.convert(row);
                byte[] bytes = serde.serializer().serialize("tpcds.sf1.customer", record);
                assertThat(GeneratedRows.values(serde.deserializer().deserialize("tpcds.sf1.customer", bytes))).isEqualTo(GeneratedRows.values(record));
            }
        }
    }

    @Test
    void serdesCanBeNamedInConfiguration()
            throws Exception
    {
        Deserializer<?> deserializer = Utils.newInstance(EventSerde.class.getName(), Deserializer.class);
        byte[] bytes = KafkaSerdes.events().serialize(Topics.EVENTS, MessageSamples.events().getLast());
        assertThat(deserializer.deserialize(Topics.EVENTS, bytes)).isEqualTo(MessageSamples.events().getLast());
        assertThat(Utils.newInstance(CommandSerde.class.getName(), Serde.class)).isInstanceOf(CommandSerde.class);
        assertThat(Utils.newInstance(QueryResultSerde.class.getName(), Serde.class)).isInstanceOf(QueryResultSerde.class);
    }

    @Test
    void nullStaysNull()
    {
        try (Serde<PipelineEvent> serde = KafkaSerdes.events()) {
            assertThat(serde.serializer().serialize(Topics.EVENTS, null)).isNull();
            assertThat(serde.deserializer().deserialize(Topics.EVENTS, null)).isNull();
        }
    }

    @Test
    void garbageThrowsTheDecodingException()
    {
        try (Serde<Command> serde = KafkaSerdes.commands()) {
            byte[] event = KafkaSerdes.events().serialize(Topics.EVENTS, MessageSamples.events().getFirst());
            assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.CONTROL, event))
                    .isInstanceOf(UndecodableMessageException.class)
                    .hasMessageContaining("is not one of the Command types (GenerateDataset, RunBenchmark, RunFault)");
        }
        try (Serde<QueryResult> serde = KafkaSerdes.results()) {
            assertThatThrownBy(() -> serde.deserializer().deserialize(Topics.RESULTS, new byte[] {1, 2, 3}))
                    .isInstanceOf(UndecodableMessageException.class)
                    .hasMessageStartingWith("TRUNCATED: ");
        }
    }

    private static <T> void assertRoundTrips(Serde<T> serde, String topic, List<? extends T> values)
    {
        Serializer<T> serializer = serde.serializer();
        Deserializer<T> deserializer = serde.deserializer();
        List<T> decoded = new ArrayList<>();
        for (T value : values) {
            decoded.add(deserializer.deserialize(topic, serializer.serialize(topic, value)));
        }
        assertThat(decoded).isEqualTo(values);
        serde.close();
    }
}
