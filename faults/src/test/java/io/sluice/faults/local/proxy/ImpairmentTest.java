package io.sluice.faults.local.proxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImpairmentTest
{
    private static final long MS = 1_000_000;
    private static final long RTO = Impairment.RETRANSMISSION_TIMEOUT.toNanos();

    @Test
    void latencyVariesByTheJitterAndNeverGoesNegative()
    {
        Impairment slow = Impairment.delay(Duration.ofMillis(100), Duration.ofMillis(25));
        assertThat(slow.holdNanos(-1, 1)).isEqualTo(75 * MS);
        assertThat(slow.holdNanos(0, 1)).isEqualTo(100 * MS);
        assertThat(slow.holdNanos(1, 1)).isEqualTo(125 * MS);
        assertThat(Impairment.delay(Duration.ofMillis(10), Duration.ofMillis(50)).holdNanos(-1, 1)).isZero();
        assertThat(Impairment.NONE.holdNanos(1, Double.MIN_VALUE)).isZero();
    }

    @Test
    void aLostChunkWaitsForRetransmissionsWithBackoff()
    {
        Impairment loss = Impairment.loss(25);
        // lost k times in a row when the draw is at most 0.25^k
        assertThat(loss.holdNanos(0, 1)).isZero();
        assertThat(loss.holdNanos(0, 0.251)).isZero();
        assertThat(loss.holdNanos(0, 0.249)).isEqualTo(RTO);
        assertThat(loss.holdNanos(0, 0.0624)).isEqualTo(3 * RTO);
        assertThat(loss.holdNanos(0, Double.MIN_VALUE)).isEqualTo(((1L << Impairment.MAX_RETRANSMISSIONS) - 1) * RTO);
        assertThat(new Impairment(Duration.ofMillis(100), Duration.ZERO, 25).holdNanos(0, 0.249)).isEqualTo(100 * MS + RTO);
        assertThat(Impairment.loss(100).holdNanos(0, 1)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void chunksAreLostAtTheConfiguredRate()
    {
        Impairment loss = Impairment.loss(25);
        Random random = new Random(42);
        int draws = 200_000;
        int lost = 0;
        int lostTwice = 0;
        for (int i = 0; i < draws; i++) {
            long hold = loss.holdNanos(0, 1 - random.nextDouble());
            lost += hold >= RTO ? 1 : 0;
            lostTwice += hold >= 3 * RTO ? 1 : 0;
        }
        assertThat((double) lost / draws).isCloseTo(0.25, within(0.01));
        assertThat((double) lostTwice / draws).isCloseTo(0.0625, within(0.005));
    }

    @Test
    void refusesNegativeTimesAndLossOutsidePercent()
    {
        assertThatThrownBy(() -> Impairment.delay(Duration.ofMillis(-1), Duration.ZERO))
                .hasMessage("impairment latency PT-0.001S and jitter PT0S must not be negative");
        assertThatThrownBy(() -> Impairment.loss(101)).hasMessage("impairment loss must be 0 to 100 percent: 101");
        assertThat(Impairment.loss(0).isNone()).isTrue();
    }
}
