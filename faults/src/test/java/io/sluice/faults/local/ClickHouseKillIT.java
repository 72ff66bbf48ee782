package io.sluice.faults.local;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultOutcome;
import io.sluice.faults.FaultRun;
import io.sluice.faults.FaultsCsv;
import io.sluice.faults.Observation;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;
import io.sluice.stack.clickhouse.ClickHouseServerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** ClickHouse killed (SIGKILL) during a query loop on the real local stack, restarted after 5 s. */
class ClickHouseKillIT
{
    private static final Logger log = LoggerFactory.getLogger(ClickHouseKillIT.class);
    private static final NumbersTable TABLE = new NumbersTable("numbers_kept", 1_000_000);

    @TempDir
    Path runDir;

    @Test
    void failuresAreRecordedRecoveryMeasuredAndLaterQueriesSucceed()
            throws Exception
    {
        StackSettings settings = new StackSettings(runDir, List.of("clickhouse"), Map.of(), StackSettings.DEFAULT_BUCKET, StackSettings.DEFAULT_START_TIMEOUT);
        try (LocalStack stack = LocalStack.startAttached(settings)) {
            String url = stack.status().endpoint("clickhouse", ClickHouseServerKind.JDBC_URL);
            try (Connection connection = DriverManager.getConnection(url, "default", "")) {
                TABLE.create(connection);
            }
            Fault kill = Fault.parse("clickhouse:kill@benchmark/3s+5s");
            List<PipelineEvent> events = new CopyOnWriteArrayList<>();
            List<Observation> observations = new ArrayList<>();
            List<FaultOutcome> outcomes;

            try (FaultRun run = FaultRun.start("kill-it", FaultPhase.QUERY, List.of(kill), new LocalFaultInjector(new StackTargets(stack)), events::add, Clock.systemUTC())) {
                long end = System.currentTimeMillis() + 20_000;
                while (System.currentTimeMillis() < end) {
                    Observation observation = TABLE.timedSum(url);
                    observations.add(observation);
                    run.observe(observation);
                    Thread.sleep(observation.ok() ? 100 : 200);
                }
                outcomes = run.finish();
            }

            FaultOutcome outcome = outcomes.getFirst();
            log.info("outcome {}; {} queries, {} failed", outcome, observations.size(), observations.stream().filter(o -> !o.ok()).count());
            assertThat(outcome.error()).isEmpty();
            long injected = outcome.injectedAtMs().orElseThrow();
            long cleared = outcome.clearedAtMs().orElseThrow();
            assertThat(cleared - injected).isGreaterThanOrEqualTo(5_000);
            assertThat(outcome.recovery().failed()).isPositive();
            // no success while it was down: the first one after the kill comes after the restart
            assertThat(outcome.recovery().recoveryMs().orElseThrow()).isGreaterThanOrEqualTo(5_000);
            assertThat(outcome.recovery().latencyRecoveryMs()).isPresent();
            assertThat(observations).filteredOn(o -> o.startedAtMs() >= cleared).isNotEmpty().allMatch(Observation::ok);
            assertThat(events).hasSize(4);
            Path csv = FaultsCsv.write(Path.of("target", "it-runs", "clickhouse-kill"), outcomes);
            log.info("{}:\n{}", csv, Files.readString(csv));
        }
    }
}
