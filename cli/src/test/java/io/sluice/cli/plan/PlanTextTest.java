package io.sluice.cli.plan;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class PlanTextTest
{
    @Test
    void secondsUpToTwoMinutesThenHoursAndMinutes()
    {
        assertThat(PlanText.duration(Duration.ofMillis(36_900))).isEqualTo("36 s");
        assertThat(PlanText.duration(Duration.ofSeconds(119))).isEqualTo("119 s");
        assertThat(PlanText.duration(Duration.ofSeconds(120))).isEqualTo("0 h 02 min");
        assertThat(PlanText.duration(Duration.ofMinutes(150))).isEqualTo("2 h 30 min");
        assertThat(PlanText.duration(Duration.ofHours(30))).isEqualTo("30 h 00 min");
    }

    @Test
    void gigabytesWithOneDecimal()
    {
        assertThat(PlanText.gigabytes(42_350_000_000L)).isEqualTo("42.4 GB");
        assertThat(PlanText.gigabytes(1_234_500_000_000L)).isEqualTo("1,234.5 GB");
    }
}
