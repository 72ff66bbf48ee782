package io.sluice.ingest.clickhouse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.event.ChunkProduced;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.schema.topic.Topics;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TPC-H at scale factor 0.01 on the row topics, made by the real generator: four parts, sub-chunks of at
 * most 5,000 rows, so lineitem alone has 24 sub-chunks and batches end at many markers. Generating is
 * idempotent (a second run finds every sub-chunk committed), so test classes sharing a broker can each ask.
 */
final class TpchTiny
{
    static final DatasetId DATASET = DatasetId.parse("tpch.sf0_01");
    // TPC-H specification: rows at scale factor 0.01
    static final Map<String, Long> ROWS = Map.of(
            "lineitem", 60_175L, "orders", 15_000L, "customer", 1_500L, "part", 2_000L,
            "partsupp", 8_000L, "supplier", 100L, "nation", 25L, "region", 5L);

    private TpchTiny() {}

    /**
     * Generates the dataset unless it is there and returns what the generator announced: one
     * {@code ChunkProduced} per sub-chunk.
     */
    static List<ChunkProduced> generate(String bootstrapServers)
    {
        KafkaClientSettings kafka = KafkaClientSettings.plaintext(bootstrapServers);
        GeneratorSettings settings = GeneratorSettings.defaults(kafka, Benchmark.TPCH, ScaleFactor.parse("0.01"))
                .withParts(4, Optional.empty())
                .withSubChunkRows(5_000);
        new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry()).run();
        return Events.read(bootstrapServers, Topics.EVENTS).stream()
                .filter(ChunkProduced.class::isInstance)
                .map(ChunkProduced.class::cast)
                .filter(chunk -> chunk.dataset().equals(DATASET))
                .toList();
    }
}
