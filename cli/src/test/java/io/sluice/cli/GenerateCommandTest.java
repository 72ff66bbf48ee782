package io.sluice.cli;

import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.command.PartRange;
import io.sluice.schema.dataset.Benchmark;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GenerateCommandTest {
    private static final Map<String, String> BASE = Map.of("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");

    @Test
    void defaultsAreTpchAtScaleFactorOneOverTheBaseEnvironment() {
        GeneratorSettings settings = settings();
        assertThat(settings.benchmark()).isEqualTo(Benchmark.TPCH);
        assertThat(settings.scaleFactor().toString()).isEqualTo("1");
        assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:1");
        assertThat(settings.effectiveTables()).hasSize(8);
        assertThat(settings.subChunkRows()).isEqualTo(GeneratorSettings.DEFAULT_SUB_CHUNK_ROWS);
    }

    @Test
    void optionsMapOntoTheGeneratorSettings() {
        GeneratorSettings settings = settings("--benchmark", "tpcds", "--scale-factor", "0.01", "--parts", "4", "--part-range", "2-3",
                "--tables", "item,store_sales", "--sub-chunk-rows", "1000", "--compression", "zstd", "--partitions", "2",
                "--bootstrap-servers", "127.0.0.1:2");
        assertThat(settings.benchmark()).isEqualTo(Benchmark.TPCDS);
        assertThat(settings.scaleFactor().token()).isEqualTo("sf0_01");
        assertThat(settings.effectiveParts()).isEqualTo(4);
        assertThat(settings.effectivePartRange()).isEqualTo(GeneratorSettings.parsePartRange("2-3"));
        assertThat(settings.effectiveTables()).containsExactly("item", "store_sales");
        assertThat(settings.subChunkRows()).isEqualTo(1000);
        assertThat(settings.compression().name()).isEqualToIgnoringCase("zstd");
        assertThat(settings.partitions()).contains(2);
        assertThat(settings.kafka().bootstrapServers()).isEqualTo("127.0.0.1:2");
    }

    @Test
    void partIndexTakesItsShareOfParts() {
        assertThat(range("--parts", "10", "--part-index", "0")).isEqualTo(GeneratorSettings.parsePartRange("1-1"));
        assertThat(range("--parts", "10", "--part-index", "2", "--parts-per-pod", "3")).isEqualTo(GeneratorSettings.parsePartRange("7-9"));
        assertThat(range("--parts", "10", "--part-index", "3", "--parts-per-pod", "3")).isEqualTo(GeneratorSettings.parsePartRange("10-10"));
    }

    @Test
    void partIndexOutsideThePartsIsRejected() {
        assertThatThrownBy(() -> settings("--parts", "10", "--part-index", "4", "--parts-per-pod", "3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--part-index 4")
                .hasMessageContaining("from 0 to 3");
        assertThatThrownBy(() -> settings("--part-index", "0")).hasMessageContaining("--parts");
        assertThatThrownBy(() -> settings("--parts", "2", "--part-index", "0", "--part-range", "1-1")).hasMessageContaining("not both");
    }

    @Test
    void aBadValueIsAUsageErrorNamingItsOptionBeforeKafkaIsLookedFor() {
        // no broker answers at BASE's address: every one of these fails before the command looks for it
        assertUsageError("--parts", "0").isEqualTo("error: --parts must be between 1 and 100000, got 0 (see 'sluice generate --help')");
        assertUsageError("--sub-chunk-rows", "5").isEqualTo("error: --sub-chunk-rows must be between 100 and 5000000, got 5 (see 'sluice generate --help')");
        assertUsageError("--partitions", "1001").startsWith("error: --partitions must be between 1 and 1000, got 1001");
        assertUsageError("--parts-per-pod", "0").startsWith("error: --parts-per-pod must be between 1 and 100000, got 0");
        assertUsageError("--parts", "4", "--part-index", "-1").startsWith("error: --part-index must be between 0 and 99999, got -1");
        assertUsageError("--parts", "10", "--part-index", "4", "--parts-per-pod", "3")
                .startsWith("error: --part-index 4 with --parts-per-pod 3 is outside the 10 parts; the index runs from 0 to 3");
        assertUsageError("--part-range", "2..3").startsWith("error: --part-range: part-range '2..3' is not of the form first-last");
        assertUsageError("--compression", "zip").startsWith("error: --compression: compression 'zip' is not supported; allowed: none, lz4, zstd, gzip, snappy");
        assertUsageError("--benchmark", "tpcx").contains("tpcx");
        assertUsageError("--parts", "2", "--part-range", "2-3").isEqualTo("error: part-range 2-3 exceeds parts (2); allowed: a range within 1-2 (see 'sluice generate --help')");
        assertUsageError("--tables", "nation,nation").contains("nation");
        assertUsageError("--listen", "--tables", "nation")
                .startsWith("error: --listen generates the dataset each GenerateDataset command names; --scale-factor, --tables would be ignored (request a dataset with 'sluice trigger')");
    }

    @Test
    void aListenerTakesTheGenerationSettingsButNoDataset() {
        GeneratorSettings settings = settings("--listen", "--sub-chunk-rows", "20000", "--compression", "zstd");

        assertThat(settings.subChunkRows()).isEqualTo(20_000);
    }

    private static AbstractStringAssert<?> assertUsageError(String... args) {
        CliRun outcome = CliRun.execute(Stream.concat(Stream.of("generate", "--bootstrap-servers", "127.0.0.1:1", "--sf", "0.01"), Stream.of(args)).toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(SluiceCommand.EXIT_USAGE);
        return assertThat(outcome.err().lines()).singleElement().asString();
    }

    private static PartRange range(String... args) {
        return settings(args).effectivePartRange();
    }

    private static GeneratorSettings settings(String... args) {
        GenerateCommand command = new GenerateCommand();
        new CommandLine(command).parseArgs(args);
        return GeneratorSettings.fromEnvironment(command.environment(BASE));
    }
}
