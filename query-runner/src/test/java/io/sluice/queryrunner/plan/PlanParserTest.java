package io.sluice.queryrunner.plan;

import io.sluice.faults.Fault;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanParserTest
{
    private final PlanParser parser = new PlanParser();

    @Test
    void appliesDefaults()
    {
        BenchmarkPlan plan = parser.parse("benchmark: tpch", "p.yaml", "p");
        assertThat(plan.name()).isEqualTo("p");
        assertThat(plan.benchmark()).isEqualTo(Benchmark.TPCH);
        assertThat(plan.engines()).containsExactly(Engine.TRINO, Engine.CLICKHOUSE, Engine.SPARK);
        assertThat(plan.queries()).hasSize(22).startsWith("q01").endsWith("q22");
        assertThat(plan.warmups()).isEqualTo(1);
        assertThat(plan.runs()).isEqualTo(3);
        assertThat(plan.concurrency()).isEqualTo(1);
        assertThat(plan.timeout()).isEqualTo(BenchmarkPlan.DEFAULT_TIMEOUT);
        assertThat(plan.matches(DatasetId.parse("tpch.sf1"))).isTrue();
        assertThat(plan.matches(DatasetId.parse("tpcds.sf1"))).isFalse();
    }

    @Test
    void readsEveryFieldFromYamlAndJson()
    {
        String yaml = """
                name: nightly
                benchmark: tpch
                engines: [trino, ClickHouse]
                queries: [q1, Q06, 22]
                warmups: 0
                runs: 5
                concurrency: 2
                timeout: 90s
                datasets: [tpch.sf1]
                faults: ["clickhouse:kill@benchmark/5s+10s"]
                """;
        BenchmarkPlan plan = parser.parse(yaml, "nightly.yaml", "x");
        assertThat(plan).isEqualTo(new BenchmarkPlan("nightly", Benchmark.TPCH, List.of(Engine.TRINO, Engine.CLICKHOUSE), List.of("q01", "q06", "q22"), 0, 5, 2,
                Duration.ofSeconds(90), java.util.Set.of(DatasetId.parse("tpch.sf1")), List.of(Fault.parse("clickhouse:kill@benchmark/5s+10s"))));
        assertThat(plan.matches(DatasetId.parse("tpch.sf0_01"))).isFalse();
        String json = "{\"benchmark\": \"tpch\", \"engines\": [\"trino\"], \"queries\": \"all\", \"timeout\": \"PT2M\"}";
        assertThat(parser.parse(json, "p.json", "p").timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void trinoWithTaskRetriesIsAnEngineOfItsOwn()
    {
        assertThat(parser.parse("benchmark: tpch\nengines: [trino, trino_fte, Trino-FTE]", "p.yaml", "p").engines()).containsExactly(Engine.TRINO, Engine.TRINO_FTE);
    }

    @Test
    void rejectsBadInputNamingTheFieldAndReason()
    {
        assertRejected("benchmark: tpch\nruns: 0", "plan p.yaml: field 'runs' must be >= 1, got 0");
        assertRejected("benchmark: tpch\nwarmups: -1", "field 'warmups' must be >= 0, got -1");
        assertRejected("benchmark: tpch\nconcurrency: two", "field 'concurrency' must be a whole number");
        assertRejected("engines: [trino]", "field 'benchmark' is required");
        assertRejected("benchmark: tpcx", "field 'benchmark'");
        assertRejected("benchmark: tpch\nengines: [duckdb]", "field 'engines' unknown engine 'duckdb'; choose from [trino, clickhouse, spark, trino_fte]");
        assertRejected("benchmark: tpch\nqueries: [q23]", "field 'queries' unknown query 'q23'");
        assertRejected("benchmark: tpch\ntimeout: soon", "field 'timeout' 'soon' is not a duration");
        assertRejected("benchmark: tpch\ntimeout: 0s", "field 'timeout' must be positive");
        assertRejected("benchmark: tpch\nrepeat: 3", "field 'repeat' unknown field");
        assertRejected("benchmark: tpch\ndatasets: [tpcds.sf1]", "field 'datasets' tpcds.sf1 is not a tpch dataset");
        assertRejected("benchmark: tpch\nfaults: [kill-trino]", "field 'faults' fault 'kill-trino': expected TARGET:KIND@PHASE");
        assertRejected("benchmark: tpch\nfaults: [\"kafka:kill@ingest\"]", "field 'faults' kafka:kill@ingest/0s+10s: a plan's faults are of the benchmark phase");
        assertRejected("benchmark: [tpch", "not valid YAML or JSON");
        assertRejected("- tpch", "must be a mapping");
    }

    @Test
    void defaultPlansAreValid()
    {
        BenchmarkPlan tpch = Plans.defaultPlan(Benchmark.TPCH);
        assertThat(tpch.name()).isEqualTo(Plans.DEFAULT);
        assertThat(tpch.benchmark()).isEqualTo(Benchmark.TPCH);
        assertThat(tpch.queries()).hasSize(22);
        assertThat(tpch.engines()).containsExactly(Engine.TRINO, Engine.CLICKHOUSE, Engine.SPARK);
        assertThat(tpch.warmups()).isEqualTo(1);
        assertThat(tpch.runs()).isEqualTo(3);
        assertThat(tpch.executions()).isEqualTo(22 * (1 + 3) * 3);

        BenchmarkPlan tpcds = Plans.defaultPlan(Benchmark.TPCDS);
        assertThat(tpcds.name()).isEqualTo(Plans.DEFAULT_TPCDS);
        assertThat(tpcds.benchmark()).isEqualTo(Benchmark.TPCDS);
        assertThat(tpcds.queries()).hasSize(103).contains("q14a", "q14b", "q99").doesNotContain("q14");
        assertThat(tpcds.engines()).containsExactly(Engine.TRINO, Engine.CLICKHOUSE, Engine.SPARK);
        assertThat(tpcds.warmups()).isEqualTo(1);
        assertThat(tpcds.runs()).isEqualTo(3);
        assertThat(tpcds.executions()).isEqualTo(103 * (1 + 3) * 3);

        assertThat(Plans.load(Optional.empty())).containsOnlyKeys(Plans.DEFAULT, Plans.DEFAULT_TPCDS);
    }

    @Test
    void aPlanFileReplacesABuiltInPlanButNotAnotherFilesPlan(@TempDir Path plans)
            throws Exception
    {
        Files.writeString(plans.resolve("default-tpcds.yaml"), "benchmark: tpcds\nqueries: [q01]\n");
        Files.writeString(plans.resolve("nightly.yaml"), "benchmark: tpch\n");
        Map<String, BenchmarkPlan> loaded = Plans.load(Optional.of(plans));
        assertThat(loaded).containsOnlyKeys(Plans.DEFAULT, Plans.DEFAULT_TPCDS, "nightly");
        assertThat(loaded.get(Plans.DEFAULT_TPCDS).queries()).containsExactly("q01");
        assertThat(loaded.get(Plans.DEFAULT).queries()).hasSize(22);

        Files.writeString(plans.resolve("other.yaml"), "name: nightly\nbenchmark: tpch\n");
        assertThatThrownBy(() -> Plans.load(Optional.of(plans)))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining("field 'name' 'nightly' is used by another plan file too");
    }

    @Test
    void parsesTpcdsQueryNames()
    {
        BenchmarkPlan plan = parser.parse("benchmark: tpcds\nqueries: [q1, 14a, Q39B, q99]", "p.yaml", "p");
        assertThat(plan.queries()).containsExactly("q01", "q14a", "q39b", "q99");
        assertRejected("benchmark: tpcds\nqueries: [q14]", "field 'queries' unknown query 'q14'; the benchmark has q01 … q99");
    }

    private void assertRejected(String text, String message)
    {
        assertThatThrownBy(() -> parser.parse(text, "p.yaml", "p"))
                .isInstanceOf(InvalidPlanException.class)
                .hasMessageContaining(message)
                .hasMessageStartingWith("plan p.yaml: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
