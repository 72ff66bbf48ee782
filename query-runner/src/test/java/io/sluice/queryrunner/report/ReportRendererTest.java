package io.sluice.queryrunner.report;

import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionStatus;
import io.sluice.queryrunner.run.RunFiles;
import io.sluice.queryrunner.run.RunRecord;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ReportRendererTest
{
    @Test
    void geometricMeansOverMeasuredPassingQueriesAndRatiosToABaseline()
    {
        RunRecord run = run("now", Map.of("q01", List.of(1000L, 40L, 60L), "q02", List.of(5L, 90L, 110L)), ExecutionStatus.OK);
        QueryTimings timings = QueryTimings.of(run);
        assertThat(timings.cell(Engine.TRINO, "q01").orElseThrow().medianMs()).contains(50L);
        assertThat(timings.geometricMeanMs(Engine.TRINO).getAsDouble()).isCloseTo(Math.sqrt(50 * 100), within(1e-9));

        RunRecord baseline = run("before", Map.of("q01", List.of(0L, 90L, 110L), "q02", List.of(0L, 40L, 60L)), ExecutionStatus.OK);
        double expected = Math.sqrt(((50 + 10) / 110.0) * ((100 + 10) / 60.0));
        assertThat(timings.ratioTo(QueryTimings.of(baseline), Engine.TRINO).getAsDouble()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void aFailedMeasuredRunTakesTheQueryOutOfTheMean()
    {
        RunRecord run = run("now", Map.of("q01", List.of(10L, 20L, 30L), "q02", List.of(10L, 20L, 30L)), ExecutionStatus.WRONG_RESULT);
        QueryTimings timings = QueryTimings.of(run);
        assertThat(timings.cell(Engine.TRINO, "q02").orElseThrow().status()).isEqualTo(ExecutionStatus.WRONG_RESULT);
        assertThat(timings.passed(Engine.TRINO)).isEqualTo(1);
        String html = ReportRenderer.html(run, Optional.empty(), List.of());
        assertThat(html).contains("wrong_result").contains("1 / 2").contains("<svg").doesNotContain("<script").doesNotContain(" src=");
    }

    @Test
    void rendersFromTheRunDirectory(@TempDir Path runs)
    {
        RunRecord run = run("now", Map.of("q01", List.of(1L, 2L, 3L), "q02", List.of(4L, 5L, 6L)), ExecutionStatus.OK);
        RunFiles.write(runs.resolve("now"), run);
        assertThat(RunFiles.read(runs.resolve("now"))).isEqualTo(run);
        Path report = ReportRenderer.render(runs.resolve("now"), Optional.of(runs.resolve("now")));
        assertThat(report).content().contains("Against baseline now").contains("1.000×");
        assertThat(runs.resolve("now").resolve(RunFiles.CSV)).content()
                .startsWith("engine,query,run,warmup,status,started_ms,wall_ms,rows,validated,engine_query_id,error\n")
                .contains("trino,q01,1,true,ok,1000,1,4,true,id-q01-1,\n");
        assertThatThrownBy(() -> ReportRenderer.render(runs, Optional.empty())).hasMessageContaining("is not a run directory");
    }

    /**
     * One engine, the given wall times per query (first = warm-up); q02's last execution gets {@code lastStatus}.
     */
    private static RunRecord run(String runId, Map<String, List<Long>> times, ExecutionStatus lastStatus)
    {
        List<Execution> executions = new ArrayList<>();
        List<String> queries = times.keySet().stream().sorted().toList();
        for (String query : queries) {
            List<Long> walls = times.get(query);
            for (int run = 1; run <= walls.size(); run++) {
                ExecutionStatus status = query.equals("q02") && run == walls.size() ? lastStatus : ExecutionStatus.OK;
                executions.add(new Execution(runId, "tpch.sf0_01", Engine.TRINO, query, run, run == 1, status, OptionalLong.of(1_000 + 10L * executions.size()), walls.get(run - 1), status == ExecutionStatus.OK ? 4 : 0,
                        Optional.of("id-%s-%d".formatted(query, run)), status == ExecutionStatus.OK ? Optional.empty() : Optional.of("expected 4 rows, got 3"),
                        status == ExecutionStatus.OK, "io/trino/tpch/queries/q1.sql", Map.of("cpuMs", 3L)));
            }
        }
        return new RunRecord(runId, "test", "tpch.sf0_01", List.of(Engine.TRINO), queries, 1, 2, 1, 60_000, 1_000, 2_000, executions);
    }
}
