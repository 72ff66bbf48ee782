package io.sluice.ingest.lander;

import io.sluice.schema.checksum.ChunkChecksum;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OffsetMetadataTest
{
    private static final OffsetMetadata.Budget BUDGET = new OffsetMetadata.Budget(200_000, 64L << 20);

    @Test
    void theBudgetIsCommittedWithTheOpenSubChunksAndNothingCommittedHasNeither()
    {
        OffsetMetadata.Committed none = OffsetMetadata.decode(OffsetMetadata.encode(Map.of(), BUDGET));
        assertThat(none.open()).isEmpty();
        assertThat(none.budget()).contains(BUDGET);

        assertThat(OffsetMetadata.decode("")).isEqualTo(new OffsetMetadata.Committed(Map.of(), Optional.empty()));
        assertThat(OffsetMetadata.decode(null)).isEqualTo(new OffsetMetadata.Committed(Map.of(), Optional.empty()));
    }

    @Test
    void anOlderLandersMetadataIsTheOpenMapAloneWithoutABudget()
    {
        OffsetMetadata.Committed older = OffsetMetadata.decode("{\"3\":{\"rows\":2,\"checksum\":42,\"bytes\":7,\"objects\":[\"tpch/sf1/orders/part-0-0.parquet\"]}}");

        assertThat(older.budget()).isEmpty();
        assertThat(older.open().keySet()).containsExactly(3);
        assertThat(older.open().get(3).rows()).isEqualTo(2);
        assertThat(older.open().get(3).checksum()).isEqualTo(42);
        assertThat(older.open().get(3).objects()).containsExactly("tpch/sf1/orders/part-0-0.parquet");
    }

    @Test
    void openSubChunksRoundTrip()
    {
        Map<Integer, OpenSubChunk> open = new TreeMap<>();
        open.put(1, subChunk(List.of("a", "bc", "def"), List.of("tpch/sf1/orders/part-0-0.parquet")));
        open.put(7, subChunk(List.of("x"), List.of("tpch/sf1/orders/part-0-10.parquet", "tpch/sf1/orders/part-0-20.parquet")));
        open.put(12, new OpenSubChunk());

        Map<Integer, OpenSubChunk> decoded = OffsetMetadata.decode(OffsetMetadata.encode(open, BUDGET)).open();

        assertThat(decoded.keySet()).containsExactly(1, 7, 12);
        open.forEach((part, chunk) -> {
            OpenSubChunk back = decoded.get(part);
            assertThat(back.rows()).as("rows of part %d", part).isEqualTo(chunk.rows());
            assertThat(back.checksum()).as("checksum of part %d", part).isEqualTo(chunk.checksum());
            assertThat(back.bytes()).as("bytes of part %d", part).isEqualTo(chunk.bytes());
            assertThat(back.objects()).as("objects of part %d", part).isEqualTo(chunk.objects());
        });
        // the decoded accumulator goes on summing as the original would
        ByteBuffer more = ByteBuffer.wrap("ghij".getBytes(StandardCharsets.UTF_8));
        decoded.get(1).add(more.duplicate());
        open.get(1).add(more.duplicate());
        assertThat(decoded.get(1).checksum()).isEqualTo(open.get(1).checksum());
        assertThat(decoded.get(1).rows()).isEqualTo(4);
    }

    @Test
    void checksumIsTheRowChecksumOfThePayloads()
    {
        OpenSubChunk chunk = subChunk(List.of("a", "bc"), List.of());
        ChunkChecksum expected = new ChunkChecksum().add("a".getBytes(StandardCharsets.UTF_8)).add("bc".getBytes(StandardCharsets.UTF_8));
        OpenSubChunk decoded = OffsetMetadata.decode(OffsetMetadata.encode(Map.of(3, chunk), BUDGET)).open().get(3);
        assertThat(decoded.checksum()).isEqualTo(expected.value());
        assertThat(decoded.rows()).isEqualTo(2);
        assertThat(decoded.bytes()).isEqualTo(3);
    }

    @Test
    void tooManyOpenSubChunksForKafkasMetadataLimitAreReported()
    {
        // about 100 characters per open sub-chunk: 30 fit in Kafka's 4096, 60 do not
        assertThat(OffsetMetadata.encode(openSubChunks(30), BUDGET).length()).isLessThanOrEqualTo(4096);
        assertThatThrownBy(() -> OffsetMetadata.encode(openSubChunks(60), BUDGET))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("60 sub-chunks are open across batches in one partition, more than fit in the committed offset's metadata (")
                .hasMessageEndingWith(" > 4096 characters); raise SLUICE_LANDER_BATCH_ROWS / SLUICE_LANDER_BATCH_BYTES "
                        + "(the ClickHouse lander's batches are capped by SLUICE_CLICKHOUSE_BATCH_ROWS too) so a batch holds whole sub-chunks");
    }

    private static Map<Integer, OpenSubChunk> openSubChunks(int count)
    {
        Map<Integer, OpenSubChunk> open = new TreeMap<>();
        IntStream.rangeClosed(1, count).forEach(part -> open.put(part, subChunk(List.of("row"), List.of("tpch/sf1000/lineitem/part-12-%d.parquet".formatted(1_000_000_000L + part)))));
        return open;
    }

    @Test
    void foreignMetadataIsReported()
    {
        assertThatThrownBy(() -> OffsetMetadata.decode("committed by someone else"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("the committed offset's metadata is not the lander's (")
                .hasMessageEndingWith("); was the consumer group used by something else?");
    }

    private static OpenSubChunk subChunk(List<String> payloads, List<String> objects)
    {
        OpenSubChunk chunk = new OpenSubChunk();
        payloads.forEach(payload -> chunk.add(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8))));
        chunk.addObjects(objects);
        return chunk;
    }
}
