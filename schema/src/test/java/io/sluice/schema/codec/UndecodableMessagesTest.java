package io.sluice.schema.codec;

import io.sluice.schema.Messages;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.MessageSamples;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.row.GeneratedRows;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.row.TpchRowConverter;
import io.trino.tpch.TpchTable;
import org.apache.avro.generic.GenericData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;

import static io.sluice.schema.codec.UndecodableMessageException.Reason.BAD_MAGIC;
import static io.sluice.schema.codec.UndecodableMessageException.Reason.MALFORMED_PAYLOAD;
import static io.sluice.schema.codec.UndecodableMessageException.Reason.TRUNCATED;
import static io.sluice.schema.codec.UndecodableMessageException.Reason.UNKNOWN_FINGERPRINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class UndecodableMessagesTest
{
    private final MessageCodec<PipelineEvent> events = Messages.events();
    private final byte[] valid = events.encode(MessageSamples.events().getFirst());

    @Test
    void emptyAndShortMessagesAreTruncated()
    {
        assertReason(new byte[0], TRUNCATED, "message has 0 bytes, fewer than the 10-byte single-object header");
        assertReason(Arrays.copyOf(valid, 9), TRUNCATED, "message has 9 bytes");
    }

    @Test
    void missingMarkerIsBadMagic()
    {
        assertReason("{\"json\": true}".getBytes(), BAD_MAGIC, "message starts with 7b22, not the Avro single-object marker c301");
    }

    @Test
    void foreignFingerprintIsUnknown()
    {
        byte[] row = RowCodec.forTable(Benchmark.TPCH, "nation").encode(TpchRowConverter.of(TpchTable.NATION).convert(GeneratedRows.tpch(TpchTable.NATION, 1).getFirst()));
        assertReason(row, UNKNOWN_FINGERPRINT, "is not one of the PipelineEvent types (BenchmarkFinished, BenchmarkStarted, BenchmarkStopped, ChunkLanded");
    }

    @Test
    void cutPayloadIsTruncated()
    {
        assertReason(Arrays.copyOf(valid, valid.length - 1), TRUNCATED, "ends before a complete io.sluice.schema.event.ChunkProduced");
    }

    @Test
    void leftoverBytesAreMalformed()
    {
        assertReason(Arrays.copyOf(valid, valid.length + 1), MALFORMED_PAYLOAD, "has bytes left over after a complete io.sluice.schema.event.ChunkProduced");
    }

    @Test
    void payloadOfTheWrongShapeIsMalformed()
    {
        byte[] garbage = Arrays.copyOf(valid, SingleObjectEncoding.HEADER_LENGTH + 3);
        // A string length of -1 (zig-zag 0x01) where the dataset id should start.
        garbage[SingleObjectEncoding.HEADER_LENGTH] = 0x01;
        assertThatThrownBy(() -> events.decode(garbage))
                .asInstanceOf(type(UndecodableMessageException.class))
                .satisfies(e -> assertThat(e.reason()).isIn(MALFORMED_PAYLOAD, TRUNCATED))
                .extracting(Throwable::getMessage).asString().contains("io.sluice.schema.event.ChunkProduced");
    }

    @Test
    void decodedValuesThatBreakTheRecordsRulesAreMalformed()
    {
        DatumCodec raw = new DatumCodec(events.schema(ChunkProduced.class), new GenericData());
        GenericData.Record record = new GenericData.Record(raw.schema());
        record.put("dataset", "tpch.sf0_01");
        record.put("benchmark", new GenericData.EnumSymbol(raw.schema().getField("benchmark").schema(), "TPCH"));
        record.put("scaleFactor", "0.01");
        record.put("table", "lineitem");
        record.put("part", 9);
        record.put("parts", 8);
        record.put("subChunk", 1);
        record.put("subChunks", 1);
        record.put("rows", 1L);
        record.put("checksum", 1L);
        record.put("producedAtMs", 1L);
        assertReason(raw.encode(record), MALFORMED_PAYLOAD, "decoded ChunkProduced is invalid: part must be between 1 and parts (8), got 9");
    }

    @Test
    void recordsWithUnmappedTypesAreRejectedUpFront()
    {
        record Stamped(Instant at) {}
        assertThatThrownBy(() -> MessageCodec.of(Stamped.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Stamped.at has type class java.time.Instant, which has no Avro mapping");
    }

    @Test
    void aReaderThatSkipsWhatIsNotItsGetsTheMessageOrNothing()
    {
        assertThat(events.decodeIfKnown(valid)).contains(MessageSamples.events().getFirst());
        assertThat(events.decodeIfKnown(null)).as("a tombstone").isEmpty();
    }

    private void assertReason(byte[] message, UndecodableMessageException.Reason reason, String messagePart)
    {
        assertThat(events.decodeIfKnown(message)).isEmpty();
        assertThatThrownBy(() -> events.decode(message))
                .asInstanceOf(type(UndecodableMessageException.class))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(reason))
                .extracting(Throwable::getMessage).asString()
                .startsWith(reason + ": ")
                .contains(messagePart);
    }
}
