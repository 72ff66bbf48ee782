package io.sluice.cli.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationTextTest
{
    @Test
    void secondsUpToTwoMinutesThenHoursAndMinutes()
    {
        assertThat(DurationText.of(Duration.ofMillis(36_900))).isEqualTo("36 s");
        assertThat(DurationText.of(Duration.ofSeconds(119))).isEqualTo("119 s");
        assertThat(DurationText.of(Duration.ofSeconds(120))).isEqualTo("0 h 02 min");
        assertThat(DurationText.of(Duration.ofMinutes(150))).isEqualTo("2 h 30 min");
        assertThat(DurationText.of(Duration.ofHours(30))).isEqualTo("30 h 00 min");
    }
}
