package io.sluice.schema.event;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.MessageCodec;
import io.sluice.schema.codec.SingleObjectEncoding;
import io.sluice.schema.command.Command;
import io.sluice.schema.command.GenerateDataset;
import io.sluice.schema.command.PartRange;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.result.QueryResult;
import io.sluice.schema.result.QueryStatus;
import io.sluice.schema.result.Engine;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesTest
{
    private final MessageCodec<PipelineEvent> events = Messages.events();
    private final MessageCodec<Command> commands = Messages.commands();
    private final MessageCodec<QueryResult> results = Messages.results();

    @Test
    void samplesCoverEveryType()
    {
        assertThat(MessageSamples.events()).extracting(Object::getClass).containsAll(events.types());
        assertThat(events.types()).hasSize(PipelineEvent.class.getPermittedSubclasses().length);
        assertThat(MessageSamples.commands()).extracting(Object::getClass).containsAll(commands.types());
        assertThat(commands.types()).hasSize(3);
    }

    @Test
    void everyEventRoundTripsThroughOneCodec()
    {
        for (PipelineEvent event : MessageSamples.events()) {
            byte[] bytes = events.encode(event);
            assertThat(events.decode(bytes)).isEqualTo(event);
            assertThat(SingleObjectEncoding.readFingerprint(bytes)).isEqualTo(events.fingerprint(event.getClass()));
        }
    }

    @Test
    void everyCommandRoundTrips()
    {
        for (Command command : MessageSamples.commands()) {
            assertThat(commands.decode(commands.encode(command))).isEqualTo(command);
        }
    }

    @Test
    void queryResultsRoundTrip()
    {
        for (QueryResult result : MessageSamples.results()) {
            assertThat(results.decode(results.encode(result))).isEqualTo(result);
        }
    }

    @Test
    void eventTypesHaveDistinctNamedSchemas()
    {
        assertThat(events.schema(ChunkProduced.class).getFullName()).isEqualTo("io.sluice.schema.event.ChunkProduced");
        assertThat(events.types().stream().map(type -> events.fingerprint(type.asSubclass(PipelineEvent.class))).distinct()).hasSize(events.types().size());
        Schema failed = events.schema(DatasetFailed.class);
        assertThat(failed.getField("table").schema().isNullable()).isTrue();
        assertThat(failed.getField("table").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
        assertThat(failed.getField("chunk").schema().getTypes().get(1).getFullName()).isEqualTo("io.sluice.schema.event.ChunkRef");
        assertThat(events.schema(ChunkLanded.class).getField("sink").schema().getEnumSymbols()).containsExactly("PARQUET", "CLICKHOUSE");
    }

    @Test
    void framingIsAvrosSingleObjectEncoding()
            throws Exception
    {
        ChunkProduced event = (ChunkProduced) MessageSamples.events().getFirst();
        Schema schema = events.schema(ChunkProduced.class);
        byte[] ours = events.encode(event);

        GenericRecord read = new BinaryMessageDecoder<GenericRecord>(new GenericData(), schema).decode(ours);
        assertThat(read.get("table").toString()).isEqualTo("lineitem");
        assertThat(read.get("checksum")).isEqualTo(event.checksum());
        assertThat(read.get("dataset").toString()).isEqualTo("tpch.sf0_01");

        ByteBuffer theirs = new BinaryMessageEncoder<GenericRecord>(new GenericData(), schema).encode(read);
        byte[] theirBytes = new byte[theirs.remaining()];
        theirs.get(theirBytes);
        assertThat(theirBytes).isEqualTo(ours);
    }

    @Test
    void eventKeysAreDatasetOrRun()
    {
        assertThat(MessageSamples.events().getFirst().key()).isEqualTo("tpch.sf0_01");
        assertThat(new FaultCleared("run-8", "kafka", io.sluice.schema.fault.FaultKind.KILL, 1).key()).isEqualTo("run-8");
    }

    @Test
    void messagesValidateTheirFields()
    {
        assertThatThrownBy(() -> new ChunkProduced(MessageSamples.TINY_TPCH, "lineitem", 9, 8, 1, 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("part must be between 1 and parts (8), got 9");
        assertThatThrownBy(() -> new ChunkProduced(MessageSamples.TINY_TPCH, Benchmark.TPCH, ScaleFactor.of(1), "lineitem", 1, 1, 1, 1, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("do not match dataset tpch.sf0_01");
        assertThatThrownBy(() -> new ChunkLanded(MessageSamples.TINY_TPCH, "store_sales", 1, 1, 1, 1, Sink.PARQUET, 0, 0, List.of(), 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tpch has no table 'store_sales'");
        assertThatThrownBy(() -> new DatasetPlanned(MessageSamples.TINY_TPCH, List.of("nation", "nation"), 1, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tables has duplicates: [nation, nation]");
        assertThatThrownBy(() -> new DatasetPlanned(MessageSamples.TINY_TPCH, List.of("nation"), 0, Optional.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parts must be >= 1, got 0");
        assertThatThrownBy(() -> new GenerateDataset("run", Benchmark.TPCH, ScaleFactor.of(1), 4, Optional.of(new PartRange(3, 5)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("part range 3..5 exceeds parts (4)");
        assertThatThrownBy(() -> new QueryResult("run", MessageSamples.TINY_TPCH, Engine.TRINO, "q01", 1, false, QueryStatus.FAILED, 1, 0, Optional.empty(), Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("error must be present exactly when status is not SUCCEEDED");
    }

    @Test
    void repeatedPlansAreTheSameWhateverTheirTimeAndTableOrder()
    {
        DatasetPlanned plan = new DatasetPlanned(MessageSamples.TINY_TPCH, List.of("lineitem", "orders"), 8, Optional.empty(), 1);
        assertThat(plan.samePlanAs(new DatasetPlanned(MessageSamples.TINY_TPCH, List.of("orders", "lineitem"), 8, Optional.empty(), 2))).isTrue();
        assertThat(plan.samePlanAs(new DatasetPlanned(MessageSamples.TINY_TPCH, List.of("lineitem", "orders"), 8, Optional.of("run-9"), 2))).isTrue();
        assertThat(plan.samePlanAs(new DatasetPlanned(MessageSamples.TINY_TPCH, List.of("orders", "lineitem"), 4, Optional.empty(), 2))).isFalse();
        assertThat(plan.samePlanAs(new DatasetPlanned(MessageSamples.TINY_TPCH, List.of("orders"), 8, Optional.empty(), 2))).isFalse();
    }

    @Test
    void generateDatasetDefaultsToAllTablesAndParts()
    {
        GenerateDataset all = new GenerateDataset("run", Benchmark.TPCDS, ScaleFactor.of(1), 4, Optional.empty(), List.of());
        assertThat(all.selectedTables()).isEqualTo(Benchmark.TPCDS.tables());
        assertThat(all.selectedParts()).isEqualTo(new PartRange(1, 4));
        assertThat(all.dataset().toString()).isEqualTo("tpcds.sf1");
    }
}
