package io.sluice.queryrunner.service;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.event.BenchmarkFinished;
import io.sluice.schema.event.BenchmarkStarted;
import io.sluice.schema.event.BenchmarkStopped;
import io.sluice.schema.event.CommandRejected;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunHistoryTest
{
    private static final DatasetId DATASET = DatasetId.parse("tpch.sf1");

    @Test
    void countsStartsAndKnowsTheFinishedRuns()
    {
        RunHistory history = new RunHistory();
        history.add(new BenchmarkStarted("cut-short", DATASET, List.of(Engine.TRINO), 1));
        history.add(new BenchmarkStarted("cut-short", DATASET, List.of(Engine.TRINO), 2));
        history.add(new BenchmarkStarted("done", DATASET, List.of(Engine.TRINO), 3));
        history.add(new BenchmarkFinished("done", DATASET, 4, 0, 10, 4));
        history.add(new CommandRejected("rejected", "RunBenchmark", "unknown plan", 5));

        assertThat(history.starts("cut-short")).isEqualTo(2);
        assertThat(history.finished("cut-short")).isFalse();
        assertThat(history.starts("done")).isEqualTo(1);
        assertThat(history.finished("done")).isTrue();
        assertThat(history.starts("rejected")).isZero();
        assertThat(history.finished("rejected")).isFalse();
    }

    @Test
    void startsThatAnOrderlyStopCutShortAreNotLost()
    {
        RunHistory history = new RunHistory();
        for (int start = 0; start < 4; start++) {
            history.add(new BenchmarkStarted("upgraded", DATASET, List.of(Engine.TRINO), start));
            history.add(new BenchmarkStopped("upgraded", DATASET, 10, start));
        }
        history.add(new BenchmarkStarted("upgraded", DATASET, List.of(Engine.TRINO), 5));
        history.add(new BenchmarkStarted("killed", DATASET, List.of(Engine.TRINO), 6));
        history.add(new BenchmarkStarted("killed", DATASET, List.of(Engine.TRINO), 7));
        history.add(new BenchmarkStopped("killed", DATASET, 0, 8));
        history.add(new BenchmarkStarted("killed", DATASET, List.of(Engine.TRINO), 9));
        // announced, though its start was not: as when the stop came while the start was being published
        history.add(new BenchmarkStopped("never-started", DATASET, 0, 10));

        assertThat(history.starts("upgraded")).isEqualTo(5);
        assertThat(history.lostStarts("upgraded")).isEqualTo(1);
        assertThat(history.lostStarts("killed")).isEqualTo(2);
        assertThat(history.lostStarts("never-started")).isZero();
        assertThat(history.finished("upgraded")).isFalse();
    }
}
