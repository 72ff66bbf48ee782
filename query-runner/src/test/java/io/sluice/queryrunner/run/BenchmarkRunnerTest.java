package io.sluice.queryrunner.run;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.queryrunner.engine.ClickHouseConnectionSettings;
import io.sluice.queryrunner.engine.ClickHouseDriver;
import io.sluice.queryrunner.engine.TrinoConnectionSettings;
import io.sluice.queryrunner.engine.TrinoDriver;
import io.sluice.queryrunner.plan.BenchmarkPlan;
import io.sluice.queryrunner.plan.PlanParser;
import io.sluice.queryrunner.validate.ReferenceAnswers;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;
import io.sluice.schema.result.QueryStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkRunnerTest
{
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf0_01");

    @Test
    void enginesThatAreDownFailEachQueryWithTheReasonAndTheRunGoesOn(@TempDir Path results)
            throws IOException
    {
        int closedPort = closedPort();
        // Trino connects lazily, so its first query fails and then waits for it up to the timeout (EngineOutage)
        BenchmarkPlan plan = new PlanParser().parse("benchmark: tpch\nqueries: [q01, q06]\nwarmups: 1\nruns: 1\ntimeout: 2s\n", "down", "down");
        List<Execution> published = new CopyOnWriteArrayList<>();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RunResult run;
        try (TrinoDriver trino = new TrinoDriver(new TrinoConnectionSettings("jdbc:trino://127.0.0.1:" + closedPort, "sluice", Optional.empty(), "hive"));
                ClickHouseDriver clickHouse = new ClickHouseDriver(new ClickHouseConnectionSettings("jdbc:clickhouse://127.0.0.1:%d/default".formatted(closedPort), "default", ""))) {
            run = new BenchmarkRunner(results, new ReferenceAnswers(), published::add, new QueryMetrics(registry)).run("down-run", plan, DATASET, List.of(trino, clickHouse));
        }
        // spark has no driver here: its executions fail saying so
        assertThat(run.record().executions()).hasSize(3 * 2 * 2)
                .allSatisfy(execution -> {
                    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
                    assertThat(execution.validated()).isFalse();
                    assertThat(execution.error()).isPresent();
                });
        assertThat(run.record().executions().stream().filter(execution -> execution.engine() == Engine.SPARK))
                .allSatisfy(execution -> assertThat(execution.error()).hasValueSatisfying(error -> assertThat(error).contains("no spark driver")));
        assertThat(run.record().executions().stream().filter(execution -> execution.engine() == Engine.TRINO))
                .allSatisfy(execution -> assertThat(execution.error().orElseThrow()).isNotBlank());
        assertThat(published).hasSameElementsAs(run.record().executions());
        assertThat(published).extracting(execution -> execution.toQueryResult().status()).containsOnly(QueryStatus.FAILED);
        assertThat(run.record().executions()).filteredOn(Execution::warmup).hasSize(6);
        // the drivers tried each measured execution (and timed it failing); spark had none to try, so no duration
        assertThat(registry.find(QueryMetrics.DURATION).timers())
                .extracting(timer -> timer.getId().getTag("engine") + " " + timer.getId().getTag("query") + " " + timer.getId().getTag("status") + " " + timer.count())
                .containsExactlyInAnyOrder("trino q01 failed 1", "trino q06 failed 1", "clickhouse q01 failed 1", "clickhouse q06 failed 1");
        assertThat(run.report()).exists().content().contains("0 / 2");
        assertThat(run.directory()).isEqualTo(results.resolve("down-run"));
        assertThat(RunFiles.read(run.directory())).isEqualTo(run.record());
    }

    @Test
    void rejectsARunIdThatCannotNameADirectoryAndAPlanOfAnotherBenchmark(@TempDir Path results)
    {
        BenchmarkRunner runner = new BenchmarkRunner(results, new ReferenceAnswers(), ExecutionListener.none(), new QueryMetrics(new SimpleMeterRegistry()));
        BenchmarkPlan plan = new PlanParser().parse("benchmark: tpch\n", "p", "p");
        assertThatThrownBy(() -> runner.run("../escape", plan, DATASET, List.of()))
                .hasMessageContaining("run id '../escape': a run id may hold only letters, digits");
        // the directory's parent: the results directory's own folder, or outside it
        assertThatThrownBy(() -> runner.run("..", plan, DATASET, List.of())).hasMessageContaining("may not be '.' or '..'");
        assertThat(List.of(".", "..", "a/b", "")).noneMatch(BenchmarkRunner::isUsableRunId);
        assertThat(List.of("...", "run.1", "chaos-2", "a_b")).allMatch(BenchmarkRunner::isUsableRunId);
        assertThatThrownBy(() -> runner.run("ok", plan, DatasetId.parse("tpcds.sf1"), List.of()))
                .hasMessage("plan p is for tpch, dataset tpcds.sf1 is not");
        assertThat(BenchmarkRunner.newRunId(DATASET)).matches("tpch-sf0_01-\\d{8}-\\d{6}-[0-9a-f]{8}");
        assertThat(BenchmarkRunner.runId(DATASET, Instant.parse("2026-12-06T16:05:09.750Z"), "0c4f2a91")).isEqualTo("tpch-sf0_01-20261206-160509-0c4f2a91");
        assertThatThrownBy(() -> BenchmarkRunner.runId(DATASET, Instant.EPOCH, "a/b")).hasMessageContaining("discriminator 'a/b' may hold only");
    }

    private static int closedPort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
