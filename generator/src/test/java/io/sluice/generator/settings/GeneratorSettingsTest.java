package io.sluice.generator.settings;

import io.sluice.schema.command.GenerateDataset;
import io.sluice.schema.command.PartRange;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeneratorSettingsTest
{
    @Test
    void emptyEnvironmentGivesTheDefaults()
    {
        GeneratorSettings settings = GeneratorSettings.fromEnvironment(Map.of());

        assertThat(settings).isEqualTo(new GeneratorSettings(
                KafkaClientSettings.plaintext("127.0.0.1:9092"), Benchmark.TPCH, ScaleFactor.of(1), Optional.empty(), Optional.empty(), List.of(),
                500_000, Compression.LZ4, Optional.empty(), Optional.empty(), "sluice-generator", 512 * 1024, 20));
        assertThat(settings).isEqualTo(GeneratorSettings.defaults(KafkaClientSettings.plaintext("127.0.0.1:9092"), Benchmark.TPCH, ScaleFactor.of(1)));
        assertThat(settings.effectiveParts()).isEqualTo(1);
        assertThat(settings.effectivePartRange()).isEqualTo(new PartRange(1, 1));
        assertThat(settings.effectiveTables()).containsExactlyElementsOf(Benchmark.TPCH.tables());
        assertThat(settings.transactionalId()).isEqualTo("sluice-generator.tpch.sf1.p1-1of1");
    }

    @Test
    void theTransactionalIdTellsPlansApartButNotTheOrderOfTheirTables()
    {
        GeneratorSettings all = GeneratorSettings.defaults(KafkaClientSettings.plaintext("127.0.0.1:9092"), Benchmark.TPCH, ScaleFactor.of(1)).withParts(4, Optional.empty());

        assertThat(all.withTables(Benchmark.TPCH.tables().reversed()).transactionalId()).isEqualTo(all.transactionalId()).isEqualTo("sluice-generator.tpch.sf1.p1-4of4");
        assertThat(all.withParts(8, Optional.of(new PartRange(1, 4))).transactionalId()).isEqualTo("sluice-generator.tpch.sf1.p1-4of8");
        // CRC-32 of the sorted names, "nation,region"
        assertThat(all.withTables(List.of("region", "nation")).transactionalId())
                .isEqualTo(all.withTables(List.of("nation", "region")).transactionalId())
                .isEqualTo("sluice-generator.tpch.sf1.p1-4of4.tdb994101");
    }

    @Test
    void mapsEveryVariable()
    {
        GeneratorSettings settings = GeneratorSettings.fromEnvironment(Map.ofEntries(
                Map.entry("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"),
                Map.entry("SLUICE_GENERATOR_BENCHMARK", "TPCDS"),
                Map.entry("SLUICE_GENERATOR_SCALE_FACTOR", "sf100"),
                Map.entry("SLUICE_GENERATOR_PARTS", "16"),
                Map.entry("SLUICE_GENERATOR_PART_RANGE", "5-8"),
                Map.entry("SLUICE_GENERATOR_TABLES", "store_sales, item"),
                Map.entry("SLUICE_GENERATOR_SUB_CHUNK_ROWS", "100000"),
                Map.entry("SLUICE_GENERATOR_COMPRESSION", "zstd"),
                Map.entry("SLUICE_GENERATOR_PARTITIONS", "12"),
                Map.entry("SLUICE_GENERATOR_REPLICATION_FACTOR", "3"),
                Map.entry("SLUICE_GENERATOR_TRANSACTIONAL_ID_PREFIX", "gen-a"),
                Map.entry("SLUICE_GENERATOR_BATCH_SIZE_BYTES", "1048576"),
                Map.entry("SLUICE_GENERATOR_LINGER_MS", "50")));

        assertThat(settings).isEqualTo(new GeneratorSettings(
                KafkaClientSettings.plaintext("kafka:9092"), Benchmark.TPCDS, ScaleFactor.of(100), Optional.of(16), Optional.of(new PartRange(5, 8)),
                List.of("store_sales", "item"), 100_000, Compression.ZSTD, Optional.of(12), Optional.of((short) 3), "gen-a", 1_048_576, 50));
        // CRC-32 of "item,store_sales"
        assertThat(settings.transactionalId()).isEqualTo("gen-a.tpcds.sf100.p5-8of16.ta4032d6f");
    }

    @Test
    void podOfAnIndexedJobTakesItsShareOfTheParts()
    {
        Map<String, String> environment = new HashMap<>(Map.of("SLUICE_GENERATOR_PARTS", "10", "SLUICE_GENERATOR_PODS", "4"));
        List<PartRange> shares = new ArrayList<>();
        for (int index = 0; index < 4; index++) {
            environment.put("JOB_COMPLETION_INDEX", String.valueOf(index));
            shares.add(GeneratorSettings.fromEnvironment(environment).effectivePartRange());
        }

        assertThat(shares).containsExactly(new PartRange(1, 3), new PartRange(4, 6), new PartRange(7, 8), new PartRange(9, 10));
        environment.remove("JOB_COMPLETION_INDEX");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(environment)).hasMessageContaining("JOB_COMPLETION_INDEX");
    }

    @Test
    void defaultPartsFollowTheScaleFactor()
    {
        assertThat(GeneratorSettings.defaultParts(ScaleFactor.parse("0.01"))).isEqualTo(1);
        assertThat(GeneratorSettings.defaultParts(ScaleFactor.parse("1"))).isEqualTo(1);
        assertThat(GeneratorSettings.defaultParts(ScaleFactor.parse("2.5"))).isEqualTo(3);
        assertThat(GeneratorSettings.defaultParts(ScaleFactor.parse("1000"))).isEqualTo(1000);
    }

    @Test
    void commandReplacesWhatToGenerateAndKeepsHowToProduce()
    {
        GeneratorSettings base = GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_COMPRESSION", "zstd"));
        GenerateDataset command = new GenerateDataset("run-1", Benchmark.TPCDS, ScaleFactor.parse("0.01"), 4, Optional.of(new PartRange(2, 3)), List.of("item"));

        GeneratorSettings settings = base.withCommand(command);

        assertThat(settings.dataset().toString()).isEqualTo("tpcds.sf0_01");
        assertThat(settings.effectiveParts()).isEqualTo(4);
        assertThat(settings.effectivePartRange()).isEqualTo(new PartRange(2, 3));
        assertThat(settings.tables()).containsExactly("item");
        assertThat(settings.compression()).isEqualTo(Compression.ZSTD);
    }

    @Test
    void invalidValuesNameTheSettingAndWhatIsAllowed()
    {
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_COMPRESSION", "brotli")))
                .hasMessage("SLUICE_GENERATOR_COMPRESSION='brotli' is invalid: compression 'brotli' is not supported; allowed: none, lz4, zstd, gzip, snappy");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_PARTS", "many")))
                .hasMessage("SLUICE_GENERATOR_PARTS='many' is invalid: not a whole number");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_BENCHMARK", "tpcc")))
                .hasMessage("SLUICE_GENERATOR_BENCHMARK='tpcc' is invalid: unknown benchmark 'tpcc'; use one of: tpch, tpcds");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_BENCHMARK", "tpcds", "SLUICE_GENERATOR_SCALE_FACTOR", "30")))
                .hasMessageStartingWith("tpcds does not support scale factor 30; allowed: 0.01, 1, 10");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_TABLES", "lineitem,stock")))
                .hasMessageStartingWith("tpch has no table 'stock'; tables are: ");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_PARTS", "4", "SLUICE_GENERATOR_PART_RANGE", "3-5")))
                .hasMessage("part-range 3-5 exceeds parts (4); allowed: a range within 1-4");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_PART_RANGE", "2..3")))
                .hasMessageContaining("part-range '2..3' is not of the form first-last");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_SUB_CHUNK_ROWS", "10")))
                .hasMessage("SLUICE_GENERATOR_SUB_CHUNK_ROWS='10' is invalid: allowed: 100 to 5000000");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_PARTITIONS", "0")))
                .hasMessage("SLUICE_GENERATOR_PARTITIONS='0' is invalid: allowed: 1 to 1000");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_PARTS", "0")))
                .hasMessage("SLUICE_GENERATOR_PARTS='0' is invalid: allowed: 1 to 100000");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_REPLICATION_FACTOR", "0")))
                .hasMessage("SLUICE_GENERATOR_REPLICATION_FACTOR='0' is invalid: allowed: 1 to 32767");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_BATCH_SIZE_BYTES", "10")))
                .hasMessage("SLUICE_GENERATOR_BATCH_SIZE_BYTES='10' is invalid: allowed: 1024 to 67108864");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_LINGER_MS", "-1")))
                .hasMessage("SLUICE_GENERATOR_LINGER_MS='-1' is invalid: allowed: 0 to 60000");
        assertThatThrownBy(() -> GeneratorSettings.fromEnvironment(Map.of("SLUICE_GENERATOR_TRANSACTIONAL_ID_PREFIX", "a b")))
                .hasMessageStartingWith("transactional-id-prefix 'a b' must be");
    }

    @Test
    void partRangeParsesSinglePartsAndRanges()
    {
        assertThat(GeneratorSettings.parsePartRange("3")).isEqualTo(new PartRange(3, 3));
        assertThat(GeneratorSettings.parsePartRange(" 2 - 7 ")).isEqualTo(new PartRange(2, 7));
    }
}
