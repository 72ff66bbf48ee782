package io.sluice.schema.kafka;

import io.sluice.schema.Messages;
import io.sluice.schema.codec.UndecodableMessageException;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.CommandRejected;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkMarkerTest
{
    private final ChunkMarker marker = new ChunkMarker();
    private final ChunkProduced chunk = new ChunkProduced(DatasetId.parse("tpch.sf0_01"), "lineitem", 2, 4, 1, 3, 5000, 0x1234_5678_9ABC_DEF0L, 1_700_000_000_000L);

    @Test
    void markerValueIsTheEventAsOnTheEventsTopic()
    {
        byte[] value = marker.encode(chunk);

        assertThat(value).isEqualTo(Messages.events().encode(chunk));
        assertThat(marker.decode(value)).isEqualTo(chunk);
    }

    @Test
    void recognizesTheMarkerHeaderOnly()
    {
        assertThat(ChunkMarker.isMarker(new RecordHeaders().add(ChunkMarker.header()))).isTrue();
        assertThat(ChunkMarker.isMarker(new RecordHeaders())).isFalse();
        assertThat(ChunkMarker.isMarker(new RecordHeaders().add(new RecordHeader(ChunkMarker.HEADER, "start".getBytes(StandardCharsets.UTF_8))))).isFalse();
        assertThat(ChunkMarker.header().key()).isEqualTo("sluice.marker");
        assertThat(new String(ChunkMarker.header().value(), StandardCharsets.UTF_8)).isEqualTo("end");
    }

    @Test
    void refusesAValueThatIsNotAChunkProduced()
    {
        byte[] other = Messages.events().encode(new CommandRejected("run-1", "GenerateDataset", "bad", 1));

        assertThatThrownBy(() -> marker.decode(other)).hasMessageContaining("CommandRejected");
        assertThatThrownBy(() -> marker.decode(new byte[] {1, 2, 3})).isInstanceOf(UndecodableMessageException.class);
    }

    @Test
    void partKeyIsTheBigEndianIntKafkaWrites()
    {
        try (IntegerSerializer serializer = new IntegerSerializer()) {
            for (int part : new int[] {1, 7, 255, 256, 65_537, Integer.MAX_VALUE}) {
                assertThat(PartKey.encode(part)).isEqualTo(serializer.serialize("t", part));
                assertThat(PartKey.decode(PartKey.encode(part))).isEqualTo(part);
            }
        }
        assertThatThrownBy(() -> PartKey.encode(0)).hasMessageContaining("part must be >= 1");
        assertThatThrownBy(() -> PartKey.decode(new byte[] {1})).hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> PartKey.decode(new byte[] {0, 0, 0, 0})).hasMessageContaining("numbered from 1");
    }
}
