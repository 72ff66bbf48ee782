package io.sluice.faults.local;

import io.sluice.faults.Fault;
import io.sluice.faults.FaultOutcome;
import io.sluice.faults.FaultRun;
import io.sluice.faults.FaultTarget;
import io.sluice.faults.FaultsCsv;
import io.sluice.faults.NetworkFaults;
import io.sluice.faults.Observation;
import io.sluice.faults.local.proxy.LoopbackProxy;
import io.sluice.schema.event.PipelineEvent;
import io.sluice.schema.fault.FaultPhase;
import io.sluice.stack.LocalStack;
import io.sluice.stack.StackSettings;
import io.sluice.stack.clickhouse.ClickHouseServerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.URI;
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

/**
 * ClickHouse behind a loopback proxy on the real local stack, its clients' queries slowed for 5 s: each query in
 * the window takes at least the added round-trip latency longer, those after it are back to speed, and every sum
 * is right. The query loop keeps one connection, so the fault comes and goes on an existing connection.
 */
class ClickHouseSlowIT
{
    private static final Logger log = LoggerFactory.getLogger(ClickHouseSlowIT.class);
    private static final NumbersTable TABLE = new NumbersTable("numbers_slowed", 1_000_000);
    // the least a slow fault adds to a query: one round trip, at the low end of the jitter
    private static final long MINIMUM_ADDED_MS = NetworkFaults.LATENCY.minus(NetworkFaults.JITTER).toMillis();

    @TempDir
    Path runDir;

    @Test
    void queriesInTheWindowAreSlowerByTheLatencyAndBackToSpeedAfterIt()
            throws Exception
    {
        StackSettings settings = new StackSettings(runDir, List.of("clickhouse"), Map.of(), StackSettings.DEFAULT_BUCKET, StackSettings.DEFAULT_START_TIMEOUT);
        try (LocalStack stack = LocalStack.startAttached(settings)) {
            URI http = URI.create(stack.status().endpoint("clickhouse", ClickHouseServerKind.HTTP_URL));
            try (LoopbackProxy proxy = LoopbackProxy.start("clickhouse", new InetSocketAddress(http.getHost(), http.getPort()))) {
                String url = "jdbc:clickhouse://127.0.0.1:%d/default".formatted(proxy.port());
                Fault slow = Fault.parse("clickhouse:slow@benchmark/2s+5s");
                List<PipelineEvent> events = new CopyOnWriteArrayList<>();
                List<Observation> observations = new ArrayList<>();
                List<FaultOutcome> outcomes;

                try (Connection connection = DriverManager.getConnection(url, "default", "")) {
                    TABLE.create(connection);
                    LocalFaultInjector injector = new LocalFaultInjector(new StackTargets(stack), Map.of(FaultTarget.CLICKHOUSE, proxy));
                    try (FaultRun run = FaultRun.start("slow-it", FaultPhase.QUERY, List.of(slow), injector, events::add, Clock.systemUTC())) {
                        long end = System.currentTimeMillis() + 11_000;
                        while (System.currentTimeMillis() < end) {
                            Observation observation = TABLE.timedSum(connection);
                            observations.add(observation);
                            run.observe(observation);
                            Thread.sleep(100);
                        }
                        outcomes = run.finish();
                    }
                }

                FaultOutcome outcome = outcomes.getFirst();
                assertThat(outcome.error()).isEmpty();
                long injected = outcome.injectedAtMs().orElseThrow();
                long cleared = outcome.clearedAtMs().orElseThrow();
                List<Long> before = elapsed(observations.stream().filter(o -> o.endedAtMs() < injected).toList());
                List<Long> during = elapsed(observations.stream().filter(o -> o.startedAtMs() >= injected && o.endedAtMs() <= cleared).toList());
                List<Long> after = elapsed(observations.stream().filter(o -> o.startedAtMs() >= cleared).toList());
                log.info("outcome {}; query ms before the fault {}, during {}, after {}", outcome, before, during, after);

                assertThat(observations).allMatch(Observation::ok);
                assertThat(cleared - injected).isGreaterThanOrEqualTo(5_000);
                assertThat(before).isNotEmpty();
                // every query makes at least one round trip through the slowed proxy; the medians show what it added
                assertThat(during).isNotEmpty().allMatch(ms -> ms >= MINIMUM_ADDED_MS);
                assertThat(median(during)).isGreaterThanOrEqualTo(median(before) + MINIMUM_ADDED_MS);
                assertThat(after).isNotEmpty();
                assertThat(median(after)).isLessThan(median(before) + MINIMUM_ADDED_MS).isLessThan(during.stream().mapToLong(Long::longValue).min().orElseThrow());
                assertThat(outcome.recovery().latencyRecoveryMs()).isPresent();
                assertThat(proxy.impairment().isNone()).isTrue();
                assertThat(events).hasSize(4);
                Path csv = FaultsCsv.write(Path.of("target", "it-runs", "clickhouse-slow"), outcomes);
                log.info("{}:\n{}", csv, Files.readString(csv));
            }
        }
    }

    private static List<Long> elapsed(List<Observation> observations)
    {
        return observations.stream().map(Observation::elapsedMs).toList();
    }

    private static long median(List<Long> values)
    {
        return values.stream().sorted().toList().get(values.size() / 2);
    }
}
