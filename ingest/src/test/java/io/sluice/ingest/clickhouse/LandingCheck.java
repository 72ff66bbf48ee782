package io.sluice.ingest.clickhouse;

import io.sluice.loaders.clickhouse.ClickHouseLoader;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.Sink;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits for a lander to announce every sub-chunk of {@link TpchTiny} on its events topic, then checks the
 * tables: TPC-H row counts, the read-back checksum of each table equal to the sum of the generator's chunk
 * checksums, and exactly one matching {@code ChunkLanded} per {@code ChunkProduced}.
 */
record LandingCheck(String bootstrapServers, String eventsTopic, List<ChunkProduced> produced)
{
    List<ChunkLanded> awaitAllLanded(Duration timeout)
    {
        return Awaitility.await("every sub-chunk landed")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(500))
                .until(this::landed, landed -> landed.size() >= produced.size());
    }

    List<ChunkLanded> landed()
    {
        return Events.read(bootstrapServers, eventsTopic).stream()
                .filter(ChunkLanded.class::isInstance)
                .map(ChunkLanded.class::cast)
                .filter(chunk -> chunk.sink() == Sink.CLICKHOUSE && chunk.dataset().equals(TpchTiny.DATASET))
                .toList();
    }

    void assertExact(ClickHouseLoader tables, List<ChunkLanded> landed)
    {
        TpchTiny.ROWS.forEach((table, rows) -> {
            assertThat(tables.count(TpchTiny.DATASET, table)).as("rows of %s", table).isEqualTo(rows);
            ChunkChecksum generated = new ChunkChecksum();
            produced.stream().filter(chunk -> chunk.table().equals(table)).forEach(chunk -> generated.combine(chunk.checksum(), chunk.rows()));
            ChunkChecksum readBack = tables.checksum(TpchTiny.DATASET, table);
            assertThat(readBack.rows()).as("rows read back from %s", table).isEqualTo(rows);
            assertThat(readBack.value()).as("checksum of %s read back", table).isEqualTo(generated.value());
        });
        assertThat(landed.stream().map(LandingCheck::summary).toList())
                .as("one ChunkLanded per sub-chunk, with the generator's rows and checksum")
                .containsExactlyInAnyOrderElementsOf(produced.stream().map(LandingCheck::summary).toList());
        assertThat(landed).as("ChunkLanded objects are the inserts' deduplication tokens")
                .allSatisfy(chunk -> assertThat(chunk.objects().isEmpty()).isEqualTo(chunk.rows() == 0)).allSatisfy(chunk -> assertThat(chunk.objects()).allMatch(token -> token.matches("tpch\\.sf0_01\\.%s/\\d+/\\d+-\\d+".formatted(chunk.table()))));
    }

    private static String summary(ChunkProduced chunk)
    {
        return "%s p%d/%d s%d/%d rows=%d checksum=%016x".formatted(chunk.table(), chunk.part(), chunk.parts(), chunk.subChunk(), chunk.subChunks(), chunk.rows(), chunk.checksum());
    }

    private static String summary(ChunkLanded chunk)
    {
        return "%s p%d/%d s%d/%d rows=%d checksum=%016x".formatted(chunk.table(), chunk.part(), chunk.parts(), chunk.subChunk(), chunk.subChunks(), chunk.rows(), chunk.checksum());
    }
}
