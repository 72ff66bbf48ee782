package io.sluice.cli;

import io.sluice.ingest.tracker.DatasetProgress;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.Sink;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LandingViewTest {
    private static final Set<Sink> BOTH = Set.of(Sink.PARQUET, Sink.CLICKHOUSE);

    @Test
    void aSinkThatLandedNothingHoldsTheCountInEverySinkAtZero() {
        // the S3 store down from the start: only ClickHouse lands
        DatasetProgress clickHouseOnly = landed(Map.of(Sink.CLICKHOUSE, 8_000L));
        assertThat(LandingView.landedInEverySink(clickHouseOnly, BOTH)).isZero();
        assertThat(LandingView.landedInEverySink(clickHouseOnly, Set.of(Sink.CLICKHOUSE))).isEqualTo(8_000);
    }

    @Test
    void theCountInEverySinkIsTheLeastOfTheSinks() {
        assertThat(LandingView.landedInEverySink(landed(Map.of(Sink.CLICKHOUSE, 8_000L, Sink.PARQUET, 3_000L)), BOTH)).isEqualTo(3_000);
        assertThat(LandingView.landedInEverySink(landed(Map.of()), BOTH)).isZero();
    }

    private static DatasetProgress landed(Map<Sink, Long> rows) {
        return new DatasetProgress(DatasetId.parse("tpch.sf0_01"), Optional.empty(), 10, 10_000, true, 1, 2, Map.of(), rows, Map.of(), Map.of());
    }
}
