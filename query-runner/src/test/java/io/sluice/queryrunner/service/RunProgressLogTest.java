package io.sluice.queryrunner.service;

import io.sluice.ops.LogInterval;
import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionStatus;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunProgressLogTest
{
    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    @Test
    void logsAtMostOncePerIntervalWithTheCountsSoFar()
    {
        AtomicLong clock = new AtomicLong(7 * SECOND);
        List<String> lines = new ArrayList<>();
        RunProgressLog progress = new RunProgressLog("r1", 8, new LogInterval(Duration.ofSeconds(30), clock::get), lines::add);

        progress.onExecution(execution("q01", 1, ExecutionStatus.OK));
        clock.addAndGet(29 * SECOND);
        progress.onExecution(execution("q02", 1, ExecutionStatus.FAILED));
        assertThat(lines).isEmpty();

        clock.addAndGet(SECOND);
        progress.onExecution(execution("q01", 2, ExecutionStatus.OK));
        assertThat(lines).containsExactly("run r1: 3/8 executions (37%), 1 not ok; last: TRINO q01 run 2 ok in 120 ms");

        clock.addAndGet(10 * SECOND);
        progress.onExecution(execution("q02", 2, ExecutionStatus.WRONG_RESULT));
        clock.addAndGet(20 * SECOND);
        progress.onExecution(execution("q01", 3, ExecutionStatus.OK));
        assertThat(lines).hasSize(2).last().isEqualTo("run r1: 5/8 executions (62%), 2 not ok; last: TRINO q01 run 3 ok in 120 ms");
    }

    @Test
    void leavesTheLastExecutionToTheRunnersClosingLine()
    {
        AtomicLong clock = new AtomicLong();
        List<String> lines = new ArrayList<>();
        RunProgressLog progress = new RunProgressLog("r2", 2, new LogInterval(Duration.ofSeconds(30), clock::get), lines::add);
        progress.onExecution(execution("q01", 1, ExecutionStatus.OK));
        clock.addAndGet(60 * SECOND);
        progress.onExecution(execution("q01", 2, ExecutionStatus.OK));
        assertThat(lines).isEmpty();
    }

    @Test
    void aPlanWithoutExecutionsIsRefused()
    {
        assertThatThrownBy(() -> new RunProgressLog("r3", 0, LogInterval.every(Duration.ofSeconds(30)), _ -> {}))
                .hasMessage("total must be >= 1, got 0");
    }

    private static Execution execution(String query, int run, ExecutionStatus status)
    {
        Optional<String> error = status == ExecutionStatus.OK ? Optional.empty() : Optional.of("broken");
        return new Execution("r", "tpch.sf0_01", Engine.TRINO, query, run, false, status, OptionalLong.of(1), 120, 4, Optional.empty(), error, false, query + ".sql", Map.of());
    }
}
