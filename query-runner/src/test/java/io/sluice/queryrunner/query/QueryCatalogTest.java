package io.sluice.queryrunner.query;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        assertThat(QueryCatalog.normalize("Q14A")).isEqualTo("q14a");
        assertThat(QueryCatalog.number("q09")).isEqualTo(9);
        assertThat(QueryCatalog.number("q39b")).isEqualTo(39);
    }

    @Test
    void tpcdsHasTheSpecificationsQueriesWithVariantsWhereAnEngineNeedsOne()
    {
        List<String> names = QueryCatalog.queryNames(Benchmark.TPCDS);
        assertThat(names).hasSize(103).startsWith("q01", "q02").endsWith("q98", "q99")
                .contains("q14a", "q14b", "q23a", "q23b", "q24a", "q24b", "q39a", "q39b")
                .doesNotContain("q14", "q23", "q24", "q39")
                .doesNotHaveDuplicates();
        Map<String, Long> variants = new TreeMap<>();
        for (String name : names) {
            BenchmarkQuery query = QueryCatalog.query(Benchmark.TPCDS, name);
            for (Engine engine : Engine.values()) {
                QueryText text = query.text(engine);
                assertThat(text.sql()).as("%s %s", name, engine).doesNotEndWith(";").containsIgnoringCase("select");
                if (text.source().startsWith("io/sluice/")) {
                    // a variant says why it exists
                    assertThat(text.sql().replace("\n-- ", " ")).as("%s %s", name, engine).startsWith("-- ").contains(" variant ", " of the TPC-DS text tpcds/", "Same qualification parameters.");
                    variants.merge(text.source().split("/")[5], 1L, Long::sum);
                }
                else {
                    assertThat(text.source()).isEqualTo("tpcds/q%d%s.sql".formatted(QueryCatalog.number(name), name.substring(3)));
                }
            }
        }
        // trino and trino_fte share Trino's texts; a common variant serves every engine without its own
        assertThat(variants).containsOnlyKeys("trino", "clickhouse", "spark", "common");
        assertThat(QueryCatalog.query(Benchmark.TPCDS, "q05").text(Engine.TRINO).sql()).contains("INTERVAL '14' DAY").doesNotContain("14 days");
        assertThat(QueryCatalog.query(Benchmark.TPCDS, "q05").text(Engine.SPARK).sql()).contains("INTERVAL 14 days");
        assertThat(QueryCatalog.query(Benchmark.TPCDS, "q05").text(Engine.CLICKHOUSE).source()).endsWith("tpcds/clickhouse/q05.sql");
        assertThat(QueryCatalog.query(Benchmark.TPCDS, "q30").text(Engine.TRINO).source()).endsWith("tpcds/common/q30.sql");
        assertThat(QueryCatalog.query(Benchmark.TPCDS, "q30").text(Engine.SPARK).sql()).contains("c_last_review_date_sk").contains("NULLS LAST");
        assertThat(QueryCatalog.query(Benchmark.TPCDS, "q46").text(Engine.SPARK).sql()).contains("ORDER BY c_last_name NULLS LAST");
        assertThat(QueryCatalog.query(Benchmark.TPCDS, "q01").text(Engine.CLICKHOUSE).source()).isEqualTo("tpcds/q1.sql");
        assertThat(QueryCatalog.query(Benchmark.TPCDS, "q14a").text(Engine.TRINO).source()).isEqualTo("tpcds/q14a.sql");
    }
}
