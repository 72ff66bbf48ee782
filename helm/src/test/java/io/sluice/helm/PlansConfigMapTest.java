package io.sluice.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.sluice.queryrunner.plan.BenchmarkPlan;
import io.sluice.queryrunner.plan.PlanParser;
import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plans the chart mounts are read by the query runner's own parser, so a pod never starts with a plan it rejects. */
class PlansConfigMapTest
{
    private static final SluiceChart CHART = SluiceChart.load();

    @Test
    void everyRenderedPlanParsesAsTheQueryRunnerReadsIt()
    {
        Map<String, String> files = plans(CHART.render("default"));
        assertThat(files).containsOnlyKeys("power.yaml", "throughput.yaml");
        BenchmarkPlan power = parse(files, "power");
        assertThat(power.benchmark()).isEqualTo(Benchmark.TPCH);
        assertThat(power.queries()).hasSize(22);
        assertThat(power.warmups()).isEqualTo(1);
        assertThat(power.runs()).isEqualTo(3);
        BenchmarkPlan throughput = parse(files, "throughput");
        assertThat(throughput.concurrency()).isEqualTo(4);
        assertThat(throughput.warmups()).isZero();
        // Spark is off by default: its executions would all be recorded as failed
        assertThat(List.of(power, throughput)).allSatisfy(plan -> assertThat(plan.engines()).containsExactly(Engine.TRINO, Engine.CLICKHOUSE));
    }

    @Test
    void aPlanWithoutEnginesRunsOnTheEnginesTheReleaseBenchmarksAndOneWithEnginesKeepsThem()
    {
        Map<String, String> files = plans(CHART.render("default", Map.of(
                "engines.clickhouse.enabled", false,
                "engines.spark.enabled", true,
                "plans.fte.queries[0]", "q01",
                "plans.fte.engines[0]", "trino_fte")));
        assertThat(parse(files, "power").engines()).containsExactly(Engine.TRINO, Engine.SPARK);
        assertThat(parse(files, "fte").engines()).containsExactly(Engine.TRINO_FTE);
    }

    @Test
    void aTpcdsReleasesPlansRunEveryTpcdsQuery()
    {
        Map<String, String> files = plans(CHART.render("tpcds-sf100"));
        BenchmarkPlan power = parse(files, "power");
        assertThat(power.benchmark()).isEqualTo(Benchmark.TPCDS);
        assertThat(power.queries()).hasSize(103).contains("q14a", "q99");
    }

    private static Map<String, String> plans(RenderedChart chart)
    {
        return chart.all(ConfigMap.class).stream()
                .filter(map -> map.getMetadata().getName().endsWith("-plans"))
                .findFirst()
                .orElseThrow()
                .getData();
    }

    private static BenchmarkPlan parse(Map<String, String> files, String name)
    {
        BenchmarkPlan plan = new PlanParser().parse(files.get(name + ".yaml"), name + ".yaml", name);
        assertThat(plan.name()).isEqualTo(name);
        return plan;
    }
}
