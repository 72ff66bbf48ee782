package io.sluice.cli;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultInjector;
import io.sluice.schema.fault.FaultPhase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RunFaultsTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /** What Ctrl-C during a fault run relies on: its phases do not close, and a paused server must not stay paused. */
    @Test
    void liftingClearsTheFaultsOfEveryOpenPhaseOnce() {
        Fault pause = Fault.parse("clickhouse:pause@ingest+5m");
        Fault kill = Fault.parse("kafka:kill@generate+5m");
        Fault later = Fault.parse("s3:outage@benchmark");
        RunFaults faults = new RunFaults("run-1", List.of(pause, kill, later), Optional.of(new RecordingInjector()), Optional.empty(), _ -> {});

        RunFaults.Phase ingest = faults.begin(FaultPhase.INGEST);
        RunFaults.Phase generate = faults.begin(FaultPhase.GENERATE);
        await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 2);
        faults.lift();

        assertThat(calls).containsExactlyInAnyOrder("inject " + pause, "inject " + kill, "clear " + pause, "clear " + kill);
        generate.close();
        ingest.close();
        faults.lift();
        assertThat(calls).hasSize(4);
        assertThat(faults.outcomes()).extracting(outcome -> outcome.clearedAtMs().isPresent()).containsExactly(true, true);
    }

    private final class RecordingInjector implements FaultInjector {
        @Override
        public void check(Fault fault) {}

        @Override
        public void inject(Fault fault) {
            calls.add("inject " + fault);
        }

        @Override
        public void clear(Fault fault) {
            calls.add("clear " + fault);
        }
    }
}
