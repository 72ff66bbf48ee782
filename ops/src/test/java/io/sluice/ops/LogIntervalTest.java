package io.sluice.ops;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogIntervalTest
{
    @Test
    void isDueAtMostOncePerIntervalCountedFromTheLastTimeItWas()
    {
        AtomicLong clock = new AtomicLong(1_000);
        LogInterval interval = new LogInterval(Duration.ofNanos(100), clock::get);
        assertThat(interval.due()).as("the first interval starts at construction").isFalse();
        clock.set(1_099);
        assertThat(interval.due()).isFalse();
        clock.set(1_100);
        assertThat(interval.due()).isTrue();
        assertThat(interval.due()).as("once per interval").isFalse();
        clock.set(1_250);
        assertThat(interval.due()).isTrue();
        clock.set(1_349);
        assertThat(interval.due()).as("counted from 1,250, when it was last due").isFalse();
    }

    @Test
    void anEmptyIntervalIsRefused()
    {
        assertThatThrownBy(() -> LogInterval.every(Duration.ZERO)).hasMessage("interval must be > 0, got PT0S");
    }
}
