package io.sluice.generator.it;

import io.sluice.generator.bench.GeneratorBenchmark;
import io.sluice.generator.settings.Compression;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generation rate without and with Kafka in one process. Small by default; for real figures run e.g.
 * {@code -Dsluice.bench.scaleFactor=1 -Dsluice.bench.tables=lineitem -Dsluice.bench.compression=zstd}.
 */
@StackServers("kafka")
class GeneratorBenchmarkIT
{
    @Test
    void measuresGenerationAndProduction(StackStatus stack)
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        List<String> tables = Arrays.asList(System.getProperty("sluice.bench.tables", "lineitem,orders").split(","));
        GeneratorSettings settings = GeneratorSettings.defaults(KafkaClientSettings.plaintext(bootstrap), Benchmark.TPCH,
                        ScaleFactor.parse(System.getProperty("sluice.bench.scaleFactor", "0.1")))
                .withTables(tables)
                .withCompression(Compression.parse(System.getProperty("sluice.bench.compression", "lz4")));

        GeneratorBenchmark.Report report = GeneratorBenchmark.run(settings, true);
        System.out.println("generator benchmark " + settings.dataset() + " " + tables + " " + settings.compression() + ": " + report);
        report.tables().forEach(table -> System.out.printf("  %s: %,d rows, generate %,.0f rows/s, generate+encode %,.0f rows/s%n",
                table.table(), table.rows(), table.generateRowsPerSecond(), table.encodeRowsPerSecond()));

        assertThat(report.generateRowsPerSecond()).isPositive();
        assertThat(report.encodeRowsPerSecond()).isPositive();
        DatasetCheck check = new DatasetCheck(bootstrap, settings.dataset());
        report.tables().forEach(table -> check.assertTable(table.table(), settings.effectiveParts(), table.rows()));
    }
}
