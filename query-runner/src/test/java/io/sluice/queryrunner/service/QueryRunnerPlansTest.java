package io.sluice.queryrunner.service;

import io.sluice.queryrunner.plan.BenchmarkPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryRunnerPlansTest
{
    @TempDir
    Path plans;

    @Test
    void theBuiltInPlansAndThoseOfThePlansDirectory()
            throws IOException
    {
        Files.writeString(plans.resolve("power.yaml"), "name: power\nbenchmark: tpch\nqueries: [q01]\n");

        assertThat(QueryRunnerService.plans(settings(plans))).containsOnlyKeys("default", "default-tpcds", "power");
        assertThat(QueryRunnerService.plans(QueryRunnerSettings.fromEnvironment(Map.of()))).containsOnlyKeys("default", "default-tpcds");
    }

    @Test
    void aReadyDatasetRunsThePlansNamedForItOrEveryPlan()
            throws IOException
    {
        Files.writeString(plans.resolve("power.yaml"), "name: power\nbenchmark: tpch\nqueries: [q01]\n");
        Files.writeString(plans.resolve("throughput.yaml"), "name: throughput\nbenchmark: tpch\nqueries: [q01]\n");
        var all = QueryRunnerService.plans(settings(plans));

        assertThat(QueryRunnerService.readyPlans(all, settings(plans))).extracting(BenchmarkPlan::name)
                .containsExactly("default", "default-tpcds", "power", "throughput");
        assertThat(QueryRunnerService.readyPlans(all, settings(plans).withReadyPlans(Set.of("power")))).extracting(BenchmarkPlan::name)
                .containsExactly("power");
        assertThatThrownBy(() -> QueryRunnerService.readyPlans(all, settings(plans).withReadyPlans(Set.of("power", "pwoer"))))
                .hasMessage("SLUICE_QUERY_RUNNER_READY_PLANS: 'pwoer' is not a plan of this query runner; its plans: default, default-tpcds, power, throughput");
    }

    @Test
    void aPlansDirectoryTheServiceCouldNotStartWithNamesTheVariable()
            throws IOException
    {
        Path missing = plans.resolve("nosuch");
        assertThatThrownBy(() -> QueryRunnerService.plans(settings(missing)))
                .hasMessage("SLUICE_QUERY_RUNNER_PLANS_DIR: plans directory %s does not exist or is not a directory", missing);

        Path broken = Files.writeString(plans.resolve("broken.yaml"), "name: broken\nbenchmark: tpch\nqueries: [q99]\n");
        assertThatThrownBy(() -> QueryRunnerService.plans(settings(plans)))
                .hasMessageStartingWith("SLUICE_QUERY_RUNNER_PLANS_DIR: plan %s: field 'queries' unknown query 'q99'", broken);
    }

    private static QueryRunnerSettings settings(Path plansDirectory)
    {
        return QueryRunnerSettings.fromEnvironment(Map.of(QueryRunnerSettings.PLANS_DIR_ENV, plansDirectory.toString()));
    }
}
