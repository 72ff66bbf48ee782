package io.sluice.ingest.tracker;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.event.DatasetPlanned;
import io.sluice.schema.event.DatasetReady;
import io.sluice.schema.event.Sink;
import io.sluice.schema.event.TableReady;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

import static io.sluice.schema.event.Sink.CLICKHOUSE;
import static io.sluice.schema.event.Sink.PARQUET;
import static org.assertj.core.api.Assertions.assertThat;

class DatasetEventsTest
{
    private static final DatasetId TINY = DatasetId.parse("tpcds.sf0_01");
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void countsRepeatedSubChunksOnce()
    {
        DatasetEvents events = new DatasetEvents(TINY);
        events.add(produced("reason", 1, 1, 1));
        events.add(produced("reason", 1, 1, 1));
        events.add(landed(PARQUET, "reason", 1, 1, 1));
        events.add(landed(PARQUET, "reason", 1, 1, 1));

        DatasetProgress progress = events.progress();

        assertThat(progress.producedSubChunks()).isEqualTo(1);
        assertThat(progress.producedRows()).isEqualTo(1);
        assertThat(progress.landedSubChunks()).isEqualTo(Map.of(PARQUET, 1L));
    }

    @Test
    void theDatasetIsGeneratedOnceEverySubChunkOfEveryPlannedChunkIsProduced()
    {
        DatasetEvents events = new DatasetEvents(TINY);
        events.add(new ChunkProduced(TINY, "call_center", 1, 2, 1, 1, 2, 42, T0));
        assertThat(events.progress().generated()).as("no plan seen: the chunks to expect are not known").isFalse();

        events.add(new DatasetPlanned(TINY, List.of("call_center", "customer_demographics"), 2, Optional.empty(), T0));
        events.add(new ChunkProduced(TINY, "call_center", 2, 2, 1, 1, 4, 42, T0));
        events.add(new ChunkProduced(TINY, "customer_demographics", 1, 2, 1, 2, 1_000, 42, T0));
        events.add(new ChunkProduced(TINY, "customer_demographics", 2, 2, 1, 1, 1_000, 42, T0));
        // the same sub-chunk again (a generator's retry) is not the chunk's second one
        events.add(new ChunkProduced(TINY, "customer_demographics", 1, 2, 1, 2, 1_000, 42, T0));
        assertThat(events.progress().generated()).isFalse();

        events.add(new ChunkProduced(TINY, "customer_demographics", 1, 2, 2, 2, 500, 42, T0));
        assertThat(events.progress().generated()).isTrue();
        assertThat(events.progress().producedRows()).isEqualTo(2 + 4 + 1_000 + 1_000 + 500);
    }

    @Test
    void namesWhatEachSinkThatIsNotReadyMisses()
    {
        DatasetEvents events = new DatasetEvents(TINY);
        events.add(new DatasetPlanned(TINY, List.of("call_center", "catalog_page", "customer_demographics"), 1, Optional.empty(), T0));
        events.add(produced("call_center", 1, 1, 2));
        events.add(produced("catalog_page", 1, 1, 11_718));
        for (int subChunk = 1; subChunk <= 7; subChunk++) {
            events.add(produced("customer_demographics", subChunk, 7, 1_000));
        }
        for (Sink sink : List.of(PARQUET, CLICKHOUSE)) {
            events.add(landed(sink, "call_center", 1, 1, 2));
            events.add(new TableReady(TINY, "call_center", sink, 1, 2, 0, 200, 1, T0));
        }
        events.add(landed(CLICKHOUSE, "catalog_page", 1, 1, 11_718));
        events.add(new TableReady(TINY, "catalog_page", CLICKHOUSE, 1, 11_718, 0, 1_171_800, 1, T0));

        assertThat(events.missing(Set.of(PARQUET, CLICKHOUSE)).lines().toList()).containsExactly(
                "",
                "  parquet: tables not ready: catalog_page, customer_demographics; produced sub-chunks not landed: catalog_page 1.1, customer_demographics 1.1, "
                        + "customer_demographics 1.2, customer_demographics 1.3, customer_demographics 1.4 and 3 more",
                "  clickhouse: tables not ready: customer_demographics; produced sub-chunks not landed: customer_demographics 1.1, customer_demographics 1.2, "
                        + "customer_demographics 1.3, customer_demographics 1.4, customer_demographics 1.5 and 2 more");
    }

    @Test
    void aReadySinkMissesNothing()
    {
        DatasetEvents events = new DatasetEvents(TINY);
        events.add(produced("reason", 1, 1, 1));
        events.add(new DatasetReady(TINY, PARQUET, List.of("reason"), 1, 100, 1, 10));

        assertThat(events.missing(Set.of(PARQUET))).isEmpty();
        assertThat(events.ready()).containsOnlyKeys(PARQUET);
        assertThat(events.missing(Set.of(PARQUET, CLICKHOUSE))).isEqualTo("%n  clickhouse: tables not ready: (no DatasetPlanned seen); produced sub-chunks not landed: reason 1.1".formatted());
    }

    private static ChunkProduced produced(String table, int subChunk, int subChunks, long rows)
    {
        return new ChunkProduced(TINY, table, 1, 1, subChunk, subChunks, rows, 42, T0);
    }

    private static ChunkLanded landed(Sink sink, String table, int subChunk, int subChunks, long rows)
    {
        return new ChunkLanded(TINY, table, 1, 1, subChunk, subChunks, sink, rows, 42, List.of("object"), 100 * rows, T0 + 500);
    }
}
