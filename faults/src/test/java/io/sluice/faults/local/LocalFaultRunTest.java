package io.sluice.faults.local;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultOutcome;
import io.sluice.faults.FaultRun;
import io.sluice.faults.FaultTarget;
import io.sluice.faults.FaultsCsv;
import io.sluice.faults.Observation;
import io.sluice.schema.event.FaultCleared;
import io.sluice.schema.event.FaultInjected;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.event.RecoveryObserved;
import io.sluice.schema.fault.FaultPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scheduling of a fault run over real (sleeping) processes, with the wall clock. */
class LocalFaultRunTest
{
    private final List<PipelineEvent> events = new CopyOnWriteArrayList<>();

    @Test
    void injectsAtTheStartClearsAfterTheDurationAndMeasuresRecovery(@TempDir Path runDirectory)
            throws Exception
    {
        try (SleepingTargets targets = new SleepingTargets(FaultTarget.CLICKHOUSE, FaultTarget.KAFKA)) {
            Fault outage = Fault.parse("clickhouse:outage@benchmark/300ms+700ms");
            Fault ingestFault = Fault.parse("kafka:kill@ingest");
            long started = System.currentTimeMillis();
            List<FaultOutcome> outcomes;
            try (FaultRun run = FaultRun.start("run-1", FaultPhase.QUERY, List.of(outage, ingestFault), new LocalFaultInjector(targets), events::add, Clock.systemUTC())) {
                // a query loop: fails while clickhouse is down, 20 ms when it runs
                while (System.currentTimeMillis() - started < 2_500) {
                    long begin = System.currentTimeMillis();
                    boolean up = targets.processGroup(FaultTarget.CLICKHOUSE).isPresent();
                    Thread.sleep(up ? 20 : 5);
                    run.observe(new Observation("clickhouse q01", begin, System.currentTimeMillis(), up));
                }
                outcomes = run.finish();
            }

            assertThat(targets.calls()).containsExactly("stop clickhouse", "restart clickhouse");
            assertThat(outcomes).hasSize(1);
            FaultOutcome outcome = outcomes.getFirst();
            long injected = outcome.injectedAtMs().orElseThrow();
            long cleared = outcome.clearedAtMs().orElseThrow();
            assertThat(injected - started).isBetween(300L, 1_000L);
            assertThat(cleared - injected).isBetween(700L, 1_500L);
            assertThat(outcome.recovery().recoveryMs().orElseThrow()).isGreaterThanOrEqualTo(700L);
            assertThat(outcome.recovery().failed()).isGreaterThan(10);
            assertThat(outcome.recovery().latencyRecoveryMs()).isPresent();
            assertThat(outcome.error()).isEmpty();
            assertThat(events).hasExactlyElementsOfTypes(FaultInjected.class, FaultCleared.class, RecoveryObserved.class, RecoveryObserved.class);
            assertThat(((FaultInjected) events.getFirst()).injectedAtMs()).isEqualTo(injected);
            assertThat(((FaultCleared) events.get(1)).clearedAtMs()).isEqualTo(cleared);
            assertThat(((RecoveryObserved) events.get(2)).recoveryMs()).isEqualTo(outcome.recovery().recoveryMs().orElseThrow());

            Path csv = FaultsCsv.write(runDirectory, outcomes);
            assertThat(Files.readAllLines(csv)).containsExactly(
                    "target,kind,phase,injected_ms,cleared_ms,recovery_ms,queries_failed,latency_recovery_ms,start_ms,duration_ms,error",
                    "clickhouse,outage,benchmark,%d,%d,%d,%d,%d,300,700,".formatted(injected, cleared, outcome.recovery().recoveryMs().orElseThrow(),
                            outcome.recovery().failed(), outcome.recovery().latencyRecoveryMs().orElseThrow()));
        }
    }

    @Test
    void aSlowRestartHoldsUpNoOtherTargetsFault()
            throws Exception
    {
        try (SleepingTargets sleeping = new SleepingTargets(FaultTarget.CLICKHOUSE, FaultTarget.KAFKA)) {
            LocalTargets targets = new SlowRestarts(sleeping, Duration.ofSeconds(3), 0);
            Fault kill = Fault.parse("kafka:kill@benchmark/0s+500ms");
            Fault pause = Fault.parse("clickhouse:pause@benchmark/0s+1s");
            List<FaultOutcome> outcomes;
            try (FaultRun run = FaultRun.start("run-1", FaultPhase.QUERY, List.of(kill, pause), new LocalFaultInjector(targets), events::add, Clock.systemUTC())) {
                Thread.sleep(4_000);
                outcomes = run.finish();
            }

            // ClickHouse is let go after its second while Kafka's restart takes three
            FaultOutcome paused = outcomes.stream().filter(outcome -> outcome.fault().equals(pause)).findFirst().orElseThrow();
            assertThat(paused.clearedAtMs().orElseThrow() - paused.injectedAtMs().orElseThrow()).isBetween(1_000L, 2_000L);
            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.error()).isEmpty());
        }
    }

    @Test
    void aClearingThatFailsIsTriedAgainAtTheEndOfThePhase()
            throws Exception
    {
        try (SleepingTargets sleeping = new SleepingTargets(FaultTarget.KAFKA)) {
            Fault kill = Fault.parse("kafka:kill@benchmark/0s+200ms");
            List<FaultOutcome> outcomes;
            try (FaultRun run = FaultRun.start("run-1", FaultPhase.QUERY, List.of(kill), new LocalFaultInjector(new SlowRestarts(sleeping, Duration.ZERO, 1)), events::add,
                    Clock.systemUTC())) {
                Thread.sleep(1_000);
                assertThat(sleeping.processGroup(FaultTarget.KAFKA)).as("the restart failed").isEmpty();
                outcomes = run.finish();
            }

            assertThat(sleeping.processGroup(FaultTarget.KAFKA)).as("restarted at the end of the phase").isPresent();
            assertThat(sleeping.calls()).containsExactly("restart kafka");
            assertThat(outcomes).singleElement().satisfies(outcome -> {
                assertThat(outcome.clearedAtMs()).isPresent();
                assertThat(outcome.error()).contains("clear: injected: the restart timed out");
            });
            assertThat(events).filteredOn(FaultCleared.class::isInstance).hasSize(1);
        }
    }

    /** Restarts that take {@code delay} first, the first {@code failures} of them failing. */
    private static final class SlowRestarts
            implements LocalTargets
    {
        private final LocalTargets targets;
        private final Duration delay;
        private final AtomicInteger failures;

        SlowRestarts(LocalTargets targets, Duration delay, int failures)
        {
            this.targets = targets;
            this.delay = delay;
            this.failures = new AtomicInteger(failures);
        }

        @Override
        public Set<FaultTarget> available()
        {
            return targets.available();
        }

        @Override
        public OptionalLong processGroup(FaultTarget target)
        {
            return targets.processGroup(target);
        }

        @Override
        public void stop(FaultTarget target)
        {
            targets.stop(target);
        }

        @Override
        public void restart(FaultTarget target)
        {
            try {
                Thread.sleep(delay);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("injected: the restart timed out");
            }
            targets.restart(target);
        }
    }

    @Test
    void aFailingPhaseClearsAtOnceAndAFaultNotYetDueIsNeverInjected(@TempDir Path runDirectory)
            throws IOException
    {
        try (SleepingTargets targets = new SleepingTargets(FaultTarget.CLICKHOUSE, FaultTarget.S3)) {
            Fault pause = Fault.parse("clickhouse:pause@benchmark+10m");
            Fault late = Fault.parse("s3:outage@benchmark/10m");
            Process clickhouse = targets.process(FaultTarget.CLICKHOUSE);
            FaultRun[] started = new FaultRun[1];

            assertThatThrownBy(() -> {
                try (FaultRun run = FaultRun.start("run-2", FaultPhase.QUERY, List.of(pause, late), new LocalFaultInjector(targets), events::add, Clock.systemUTC())) {
                    started[0] = run;
                    while (SleepingTargets.state(clickhouse) != 'T') {
                        Thread.sleep(10);
                    }
                    throw new IllegalStateException("the benchmark failed");
                }
            }).hasMessage("the benchmark failed");

            assertThat(SleepingTargets.state(clickhouse)).isNotEqualTo('T');
            assertThat(targets.calls()).isEmpty();
            List<FaultOutcome> outcomes = started[0].finish();
            assertThat(outcomes.getFirst().clearedAtMs()).isPresent();
            assertThat(outcomes.get(1).injectedAtMs()).isEmpty();
            assertThat(outcomes.get(1).error()).contains("not injected: the phase ended before its start");
            assertThat(events).hasExactlyElementsOfTypes(FaultInjected.class, FaultCleared.class);
            assertThat(Files.readAllLines(FaultsCsv.write(runDirectory, outcomes)).get(2))
                    .isEqualTo("s3,outage,benchmark,,,,0,,600000,10000,\"not injected: the phase ended before its start\"");
        }
    }

    @Test
    void checksEveryFaultOfThePhaseBeforeBreakingAnything()
    {
        try (SleepingTargets targets = new SleepingTargets(FaultTarget.CLICKHOUSE)) {
            List<Fault> faults = List.of(Fault.parse("clickhouse:outage@benchmark"), Fault.parse("clickhouse:slow@benchmark"));

            assertThatThrownBy(() -> FaultRun.start("run-3", FaultPhase.QUERY, faults, new LocalFaultInjector(targets), events::add, Clock.systemUTC()))
                    .hasMessageContaining("no proxy in front of clickhouse");
            assertThat(targets.calls()).isEmpty();
            assertThat(events).isEmpty();
        }
    }
}
