package io.sluice.ingest.clickhouse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;
import io.sluice.stack.StackStatus;

import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@link ClickHouseLanderBenchmark} by hand on a stack of its own (not a test):
 * {@code java -cp <test class path> io.sluice.ingest.clickhouse.ClickHouseLanderBenchmarkRun [scaleFactor] [batchRows]}.
 */
public final class ClickHouseLanderBenchmarkRun
{
    private ClickHouseLanderBenchmarkRun() {}

    public static void main(String[] args)
            throws Exception
    {
        ScaleFactor scale = ScaleFactor.parse(args.length > 0 ? args[0] : "0.1");
        int batchRows = args.length > 1 ? Integer.parseInt(args[1]) : ClickHouseSettings.DEFAULT_BATCH_ROWS;
        StackSettings stack = StackSettings.defaults().withRunDir(Files.createTempDirectory("sluice-bench-stack")).withServers(List.of("kafka", "clickhouse"));
        try (LocalStack running = LocalStack.startAttached(stack)) {
            StackStatus status = running.status();
            KafkaClientSettings kafka = KafkaClientSettings.plaintext(status.endpoint("kafka", "bootstrapServers"));
            GenerationSummary generated = new DatasetGenerator(GeneratorSettings.defaults(kafka, Benchmark.TPCH, scale), _ -> {}, new SimpleMeterRegistry()).run();
            System.out.println("generated " + generated);
            Map<String, Long> rows = new LinkedHashMap<>();
            generated.tables().forEach(table -> rows.put(table.table(), table.rows()));
            ClickHouseSettings clickHouse = ClickHouseSettings.defaults(status.endpoint("clickhouse", "jdbcUrl"), "default", "").withBatchRows(batchRows);
            ClickHouseLanderBenchmark.Result result = ClickHouseLanderBenchmark.run(LanderSettings.defaults(kafka, List.of(generated.dataset().toString())),
                    clickHouse, generated.dataset(), rows, "run", Duration.ofMinutes(30));
            System.out.println(result);
        }
    }
}
