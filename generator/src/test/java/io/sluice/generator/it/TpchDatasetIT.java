package io.sluice.generator.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.DatasetPlanConflictException;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.progress.GenerationProgress;
import io.sluice.generator.progress.GeneratorMetrics;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@StackServers("kafka")
class TpchDatasetIT
{
    // TPC-H specification: rows at scale factor 0.01 (lineitem is what dbgen and io.trino.tpch make)
    private static final Map<String, Long> ROWS = Map.of(
            "lineitem", 60_175L, "orders", 15_000L, "customer", 1_500L, "part", 2_000L,
            "partsupp", 8_000L, "supplier", 100L, "nation", 25L, "region", 5L);
    private static final int PARTS = 4;

    @Test
    void allTablesInFourPartsExactlyOnceAndARerunAddsNothing(StackStatus stack)
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        GeneratorSettings settings = GeneratorSettings.defaults(KafkaClientSettings.plaintext(bootstrap), Benchmark.TPCH, ScaleFactor.parse("0.01"))
                .withParts(PARTS, Optional.empty())
                .withSubChunkRows(5_000);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        List<GenerationProgress> progress = new ArrayList<>();

        GenerationSummary summary = new DatasetGenerator(settings, progress::add, registry).run();

        long total = ROWS.values().stream().mapToLong(Long::longValue).sum();
        assertThat(summary.rows()).isEqualTo(total);
        assertThat(summary.subChunksSkipped()).isZero();
        DatasetCheck check = new DatasetCheck(bootstrap, settings.dataset());
        ROWS.forEach((table, rows) -> check.assertTable(table, PARTS, rows));
        // lineitem: 3,750 orders per part, 714 orders (<= 5,000 rows) per sub-chunk
        assertThat(check.events()).filteredOn(event -> event.table().equals("lineitem")).hasSize(PARTS * 6);
        assertThat(check.events()).hasSize(summary.subChunksCommitted());

        assertThat(registry.get(GeneratorMetrics.ROWS).counters()).extracting(counter -> (long) counter.count()).containsOnly(ROWS.values().toArray(Long[]::new));
        assertThat(registry.get(GeneratorMetrics.ROWS).tag("table", "lineitem").counter().count()).isEqualTo(60_175);
        assertThat(registry.get(GeneratorMetrics.CHUNKS).counters().stream().mapToDouble(counter -> counter.count()).sum()).isEqualTo(summary.subChunksCommitted());
        assertThat(progress.getLast().done()).isTrue();
        assertThat(progress.getLast().rows()).isEqualTo(total);
        assertThat(progress).extracting(GenerationProgress::rows).isSorted();

        GenerationSummary rerun = new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry()).run();

        assertThat(rerun.rows()).isZero();
        assertThat(rerun.subChunksSkipped()).isEqualTo(summary.subChunksCommitted());
        DatasetCheck after = new DatasetCheck(bootstrap, settings.dataset());
        assertThat(after.events()).hasSameSizeAs(check.events());
        ROWS.forEach((table, rows) -> after.assertTable(table, PARTS, rows));

        // another plan for the same dataset would put its chunks beside these: refused before a row is written
        assertThatThrownBy(() -> new DatasetGenerator(settings.withParts(PARTS + 1, Optional.empty()).withTables(List.of("nation", "region")), _ -> {},
                new SimpleMeterRegistry()).run())
                .isInstanceOf(DatasetPlanConflictException.class)
                .hasMessageStartingWith("tpch.sf0_01 was planned with tables [customer, orders, lineitem, part, partsupp, supplier, nation, region] in 4 parts; "
                        + "this run asks for tables [nation, region] in 5 parts.");
        DatasetCheck refused = new DatasetCheck(bootstrap, settings.dataset());
        assertThat(refused.events()).hasSameSizeAs(check.events());
        ROWS.forEach((table, rows) -> refused.assertTable(table, PARTS, rows));
    }
}
