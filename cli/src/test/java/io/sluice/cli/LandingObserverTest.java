package io.sluice.cli;

import io.sluice.faults.Observation;
import io.sluice.schema.Messages;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.ChunkLanded;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.Sink;
import io.sluice.schema.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LandingObserverTest {
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_01");
    private static final long STEP_START = 1_000;

    private final LandingObserver.Landings landings = new LandingObserver.Landings(DATASET, Set.of(Sink.PARQUET, Sink.CLICKHOUSE), STEP_START);

    @Test
    void aSuccessIsWhenTheRowsInEverySinkGrewAtTheLandingThatMadeThemGrow() {
        // what landed before the step (a rerun's earlier landings) is not its progress
        assertThat(add(landed(DATASET, Sink.CLICKHOUSE, 100, 900))).isEmpty();
        assertThat(add(landed(DATASET, Sink.PARQUET, 100, 950))).isEmpty();
        // ClickHouse lands while the S3 store is down: nothing in every sink yet
        assertThat(add(landed(DATASET, Sink.CLICKHOUSE, 50, 1_100))).isEmpty();
        assertThat(add(landed(DATASET, Sink.PARQUET, 30, 1_200))).contains(new Observation("land", 1_200, 1_200, true));
        assertThat(add(landed(DatasetId.parse("tpch.sf1"), Sink.PARQUET, 500, 1_250))).as("another dataset").isEmpty();
        assertThat(add(landed(DATASET, Sink.CLICKHOUSE, 10, 1_300))).as("ClickHouse was ahead already").isEmpty();
        assertThat(add(landed(DATASET, Sink.PARQUET, 40, 1_400))).contains(new Observation("land", 1_400, 1_400, true));
    }

    private Optional<Observation> add(ChunkLanded landed) {
        byte[] value = Messages.events().encode((PipelineEvent) landed);
        return landings.add(new ConsumerRecord<>(Topics.EVENTS, 0, 0, landed.dataset().toString(), value));
    }

    private static ChunkLanded landed(DatasetId dataset, Sink sink, long rows, long landedAtMs) {
        return new ChunkLanded(dataset, "orders", 1, 1, 1, 1, sink, rows, 42, List.of(), rows * 10, landedAtMs);
    }
}
