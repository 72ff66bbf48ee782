package io.sluice.generator.progress;

import io.sluice.generator.plan.DatasetPlan;
import io.sluice.generator.plan.DatasetPlanner;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTrackerTest
{
    // customer at sf 0.01 in 2 parts of 750 rows, 500 rows per sub-chunk: 2 sub-chunks per part
    private final DatasetPlan plan = DatasetPlanner.plan(GeneratorSettings.defaults(KafkaClientSettings.plaintext("127.0.0.1:9092"), Benchmark.TPCH, ScaleFactor.parse("0.01"))
            .withParts(2, Optional.empty())
            .withTables(List.of("customer"))
            .withSubChunkRows(500));
    private final List<GenerationProgress> reports = new ArrayList<>();
    private final ProgressTracker tracker = new ProgressTracker(plan, reports::add);

    @Test
    void reportsEverySubChunkAndCountsRowsTowardsTheEstimate()
    {
        for (int i = 0; i < 500; i++) {
            tracker.rowSent("customer", 100);
        }
        tracker.subChunkCommitted("customer");
        tracker.subChunkSkipped("customer", 250);

        GenerationProgress progress = reports.getLast();
        assertThat(reports).hasSize(2);
        assertThat(progress.rows()).isEqualTo(500);
        assertThat(progress.bytes()).isEqualTo(50_000);
        assertThat(progress.estimatedRows()).isEqualTo(1500);
        assertThat(progress.tables()).singleElement().satisfies(table -> {
            assertThat(table.subChunks()).isEqualTo(4);
            assertThat(table.subChunksCommitted()).isEqualTo(1);
            assertThat(table.subChunksSkipped()).isEqualTo(1);
            assertThat(table.done()).isFalse();
        });
        assertThat(progress.done()).isFalse();
        assertThat(progress.eta()).isPresent();
        assertThat(progress.rowsPerSecond()).isPositive();
        assertThat(progress.skippedRows()).isEqualTo(250);
        assertThat(progress.fraction()).isEqualTo(0.5);
        assertThat(LoggingProgressListener.format(progress)).startsWith("tpch.sf0_01:  50.0% 500 rows (+250 already in Kafka), ").contains("2/4 sub-chunks, ETA ");
    }

    @Test
    void theRateAndEtaCountFromTheFirstRowSent()
    {
        AtomicLong nanos = new AtomicLong(1_000);
        ProgressTracker clocked = new ProgressTracker(plan, reports::add, nanos::get);
        // the producer's start and the search for committed sub-chunks, before any row
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        clocked.rowSent("customer", 100);
        for (int i = 1; i < 500; i++) {
            clocked.rowSent("customer", 100);
        }
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        GenerationProgress progress = clocked.snapshot();
        assertThat(progress.elapsed()).isEqualTo(Duration.ofSeconds(6));
        assertThat(progress.rowsPerSecond()).isEqualTo(500);
        assertThat(progress.eta()).contains(Duration.ofSeconds(2));
    }

    @Test
    void doneWhenEverySubChunkIsCommittedOrSkipped()
    {
        tracker.subChunkSkipped("customer", 500);
        tracker.subChunkSkipped("customer", 250);
        tracker.subChunkCommitted("customer");
        tracker.subChunkCommitted("customer");

        GenerationProgress progress = reports.getLast();
        assertThat(progress.done()).isTrue();
        assertThat(progress.fraction()).isEqualTo(1);
        assertThat(progress.eta()).contains(Duration.ZERO);
        assertThat(LoggingProgressListener.format(progress)).contains("100.0%", "4/4 sub-chunks, done in ");
    }

    @Test
    void aDoneTableCountsItsRowsInsteadOfTheEstimate()
    {
        tracker.subChunkSkipped("customer", 499);
        for (int i = 0; i < 740; i++) {
            tracker.rowSent("customer", 10);
        }
        tracker.subChunkCommitted("customer");
        tracker.subChunkCommitted("customer");
        assertThat(tracker.snapshot().estimatedRows()).isEqualTo(1500);

        tracker.subChunkCommitted("customer");

        GenerationProgress progress = tracker.snapshot();
        assertThat(progress.done()).isTrue();
        assertThat(progress.estimatedRows()).isEqualTo(499 + 740);
        assertThat(progress.tables().getFirst().estimatedRows()).isEqualTo(499 + 740);
    }

    @Test
    void abortedRowsNoLongerCount()
    {
        for (int i = 0; i < 300; i++) {
            tracker.rowSent("customer", 10);
        }
        tracker.subChunkAborted("customer", 300, 3000);

        assertThat(tracker.snapshot().rows()).isZero();
        assertThat(tracker.snapshot().bytes()).isZero();
    }
}
