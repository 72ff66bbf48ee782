package io.sluice.generator.it;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.DatasetGenerator;
import io.sluice.generator.GenerationSummary;
import io.sluice.generator.settings.GeneratorSettings;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

@StackServers("kafka")
class TpcdsDatasetIT
{
    private static final List<String> TABLES = List.of("store_sales", "store_returns", "item", "customer", "date_dim", "promotion");
    private static final int PARTS = 4;

    @Test
    void aHandfulOfTablesAtTheSmallestScale(StackStatus stack)
    {
        String bootstrap = stack.endpoint("kafka", "bootstrapServers");
        ScaleFactor scaleFactor = ScaleFactor.parse("0.01");
        GeneratorSettings settings = GeneratorSettings.defaults(KafkaClientSettings.plaintext(bootstrap), Benchmark.TPCDS, scaleFactor)
                .withParts(PARTS, Optional.empty())
                .withTables(TABLES)
                .withSubChunkRows(20_000);

        GenerationSummary summary = new DatasetGenerator(settings, _ -> {}, new SimpleMeterRegistry()).run();

        DatasetCheck check = new DatasetCheck(bootstrap, settings.dataset());
        long total = 0;
        for (String table : TABLES) {
            long rows = rowsOf(table, scaleFactor);
            check.assertTable(table, PARTS, rows);
            total += rows;
        }
        assertThat(summary.rows()).isEqualTo(total);
        assertThat(check.events()).filteredOn(event -> event.table().equals("store_sales") && event.part() == 1).hasSizeGreaterThan(1);
    }

    /**
     * The table's rows as the library generates them in one piece.
     */
    private static long rowsOf(String table, ScaleFactor scaleFactor)
    {
        Table tpcdsTable = Table.getTable(table);
        long rows = 0;
        for (var ignored : Results.constructResults(tpcdsTable, Session.getDefaultSession().withScale(scaleFactor.toDouble()).withTable(tpcdsTable))) {
            rows++;
        }
        return rows;
    }
}
