package io.sluice.faults;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

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

        Recovery recovery = Recovery.of(FAULT, observations);

        assertThat(recovery.recoveryMs()).isEqualTo(OptionalLong.of(2_400));
        assertThat(recovery.firstSuccess()).contains("q1");
        // pre-fault median 100 ms: 105 is within 10 %, 300 and 400 are not
        assertThat(recovery.latencyRecoveryMs()).isEqualTo(OptionalLong.of(3_105));
        assertThat(recovery.failed()).isEqualTo(2);
    }

    @Test
    void withoutRecoveryEveryFailureAfterTheFaultCounts()
    {
        Recovery recovery = Recovery.of(FAULT, List.of(
                new Observation("q1", 9_000, 9_100, false),
                new Observation("q1", 10_000, 10_010, false),
                new Observation("q2", 11_000, 11_010, false)));

        assertThat(recovery.recoveryMs()).isEmpty();
        assertThat(recovery.latencyRecoveryMs()).isEmpty();
        assertThat(recovery.failed()).isEqualTo(2);
    }

    @Test
    void latencyIsComparedWithItsOwnQuerysMedian()
    {
        Recovery recovery = Recovery.of(FAULT, List.of(
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
