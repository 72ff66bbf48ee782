package io.sluice.faults;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RecoveryTest
{
    private static final long FAULT = 10_000;

    @Test
    void recoversAtTheFirstSuccessStartedAfterTheFaultAndAtTheFirstNormalTime()
    {
        List<Observation> observations = List.of(
                new Observation("q1", 8_000, 8_100, true),
                new Observation("q1", 9_000, 9_120, true),
                new Observation("q1", 9_500, 9_600, true),
                // started before the fault: not evidence of recovery, although it succeeded after
                new Observation("q1", 9_950, 10_500, true),
                new Observation("q1", 10_600, 10_610, false),
                new Observation("q1", 10_700, 10_705, false),
                new Observation("q1", 12_000, 12_400, true),
                new Observation("q1", 12_500, 12_800, true),
                new Observation("q1", 13_000, 13_105, true),
                new Observation("q1", 14_000, 14_050, false));

        Recovery recovery = Recovery.of(FaultTarget.CLICKHOUSE, FAULT, observations);

        assertThat(recovery.recoveryMs()).isEqualTo(OptionalLong.of(2_400));
        assertThat(recovery.firstSuccess()).contains("q1");
        // pre-fault median 100 ms: 105 is within 10 %, 300 and 400 are not
        assertThat(recovery.latencyRecoveryMs()).isEqualTo(OptionalLong.of(3_105));
        assertThat(recovery.failed()).isEqualTo(2);
    }

    @Test
    void withoutRecoveryEveryFailureAfterTheFaultCounts()
    {
        Recovery recovery = Recovery.of(FaultTarget.CLICKHOUSE, FAULT, List.of(
                new Observation("q1", 9_000, 9_100, false),
                new Observation("q1", 10_000, 10_010, false),
                new Observation("q2", 11_000, 11_010, false)));

        assertThat(recovery.recoveryMs()).isEmpty();
        assertThat(recovery.latencyRecoveryMs()).isEmpty();
        assertThat(recovery.failed()).isEqualTo(2);
    }

    @Test
    void onlyTheWorkThatNeedsTheBrokenTargetShowsItsRecovery()
    {
        Set<FaultTarget> trino = Set.of(FaultTarget.TRINO, FaultTarget.S3);
        Set<FaultTarget> clickHouse = Set.of(FaultTarget.CLICKHOUSE);
        List<Observation> observations = List.of(
                new Observation("clickhouse q1", 9_000, 9_100, true, clickHouse, false),
                // ClickHouse is down while Trino runs its queries
                new Observation("trino q1", 10_100, 10_200, true, trino, false),
                new Observation("clickhouse q1", 10_300, 10_310, false, clickHouse, false),
                new Observation("clickhouse q1", 14_000, 14_100, true, clickHouse, false),
                // a landed chunk needs everything
                new Observation("land", 13_000, 13_000, true));

        Recovery clickHouseKilled = Recovery.of(FaultTarget.CLICKHOUSE, FAULT, observations);
        assertThat(clickHouseKilled.recoveryMs()).isEqualTo(OptionalLong.of(3_000));
        assertThat(clickHouseKilled.firstSuccess()).contains("land");
        assertThat(clickHouseKilled.latencyRecoveryMs()).isEqualTo(OptionalLong.of(4_100));
        assertThat(clickHouseKilled.failed()).isEqualTo(1);

        assertThat(Recovery.of(FaultTarget.S3, FAULT, observations).firstSuccess()).as("Trino reads the S3 store").contains("trino q1");
        List<Observation> clickHouseQueries = observations.stream().filter(observation -> observation.key().startsWith("clickhouse")).toList();
        assertThat(Recovery.of(FaultTarget.TRINO, FAULT, clickHouseQueries).recoveryMs()).as("no work that needs Trino ran, so none shows its recovery").isEmpty();
        // no work needs Kafka here: all of it shows how soon the work went on
        assertThat(Recovery.of(FaultTarget.KAFKA, FAULT, observations).recoveryMs()).isEqualTo(OptionalLong.of(200));
    }

    @Test
    void warmUpsShowRecoveryButNotNormalLatency()
    {
        Recovery recovery = Recovery.of(FaultTarget.TRINO, FAULT, List.of(
                new Observation("q1", 1_000, 4_000, true, Set.of(), true),
                new Observation("q1", 5_000, 6_000, true, Set.of(), false),
                // a warm-up after the fault: the query runs again, its time says nothing about latency
                new Observation("q1", 10_100, 11_000, true, Set.of(), true),
                // 1.5 s against the measured runs' 1 s: not normal, though within the warm-up's 3 s
                new Observation("q1", 11_000, 12_500, true, Set.of(), false),
                new Observation("q1", 12_500, 13_550, true, Set.of(), false)));

        assertThat(recovery.recoveryMs()).isEqualTo(OptionalLong.of(1_000));
        assertThat(recovery.latencyRecoveryMs()).isEqualTo(OptionalLong.of(3_550));
    }

    @Test
    void latencyIsComparedWithItsOwnQuerysMedian()
    {
        Recovery recovery = Recovery.of(FaultTarget.CLICKHOUSE, FAULT, List.of(
                new Observation("fast", 1_000, 1_010, true),
                new Observation("slow", 2_000, 3_000, true),
                // within 10 % of slow's median, far above fast's
                new Observation("slow", 11_000, 12_050, true),
                // a key without pre-fault times cannot show recovered latency
                new Observation("new", 10_100, 10_101, true)));

        assertThat(recovery.recoveryMs()).isEqualTo(OptionalLong.of(101));
        assertThat(recovery.firstSuccess()).contains("new");
        assertThat(recovery.latencyRecoveryMs()).isEqualTo(OptionalLong.of(2_050));
        assertThat(recovery.firstNormal()).contains("slow");
    }
}
