package io.sluice.queryrunner.query;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class QueryCatalogTest
{
    @Test
    void textsComeFromTheLibraryUnlessAVariantExists()
    {
        assertThat(QueryCatalog.queryNames(Benchmark.TPCH)).hasSize(22);
        for (String name : QueryCatalog.queryNames(Benchmark.TPCH)) {
            BenchmarkQuery query = QueryCatalog.query(Benchmark.TPCH, name);
            for (Engine engine : Engine.values()) {
                QueryText text = query.text(engine);
                if (engine == Engine.TRINO_FTE) {
                    assertThat(text).as("%s on trino with task retries runs trino's text", name).isEqualTo(query.text(Engine.TRINO));
                }
                assertThat(text.sql()).as(name).doesNotEndWith(";").containsIgnoringCase("select");
                if (!name.equals("q15") && !(name.equals("q06") && engine != Engine.TRINO) && !(name.equals("q08") && engine == Engine.CLICKHOUSE)) {
                    assertThat(text.source()).isEqualTo("io/trino/tpch/queries/q%d.sql".formatted(QueryCatalog.number(name)));
                }
            }
        }
        QueryText q15 = QueryCatalog.query(Benchmark.TPCH, "q15").text(Engine.TRINO);
        assertThat(q15.source()).isEqualTo("io/sluice/queryrunner/queries/tpch/common/q15.sql");
        assertThat(q15.sql()).doesNotContain("CREATE OR REPLACE VIEW").contains("DATE '1996-01-01'");
        assertThat(QueryCatalog.query(Benchmark.TPCH, "q06").text(Engine.CLICKHOUSE).source()).isEqualTo("io/sluice/queryrunner/queries/tpch/clickhouse/q06.sql");
        assertThat(QueryCatalog.query(Benchmark.TPCH, "q06").text(Engine.TRINO).sql()).contains("decimal '0.06'");
        assertThat(QueryCatalog.query(Benchmark.TPCH, "q08").text(Engine.CLICKHOUSE).source()).isEqualTo("io/sluice/queryrunner/queries/tpch/clickhouse/q08.sql");
        assertThat(QueryCatalog.query(Benchmark.TPCH, "q01").text(Engine.TRINO).sql()).contains("INTERVAL '90' DAY");
    }

    @Test
    void normalizesNames()
    {
        assertThat(QueryCatalog.normalize("q1")).isEqualTo("q01");
        assertThat(QueryCatalog.normalize("Q22")).isEqualTo("q22");
        assertThat(QueryCatalog.normalize("7")).isEqualTo("q07");
        assertThat(QueryCatalog.number("q09")).isEqualTo(9);
        assertThat(QueryCatalog.queryNames(Benchmark.TPCDS)).isEmpty();
    }
}
