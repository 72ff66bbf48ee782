package io.sluice.schema;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationTextTest
{
    @Test
    void usesTheLargestUnitThatDividesTheDuration()
    {
        assertThat(DurationText.of(Duration.ofMillis(500))).isEqualTo("500 ms");
        assertThat(DurationText.of(Duration.ofMillis(1500))).isEqualTo("1500 ms");
        assertThat(DurationText.of(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(DurationText.of(Duration.ofSeconds(150))).isEqualTo("150 s");
        assertThat(DurationText.of(Duration.ofMinutes(5))).isEqualTo("5 min");
        assertThat(DurationText.of(Duration.ofMillis(1_800_000))).isEqualTo("30 min");
        assertThat(DurationText.of(Duration.ofMinutes(150))).isEqualTo("150 min");
        assertThat(DurationText.of(Duration.ofHours(2))).isEqualTo("2 h");
        assertThat(DurationText.of(Duration.ofDays(3))).isEqualTo("72 h");
    }

    @Test
    void keepsSmallValuesInTheSmallerUnit()
    {
        assertThat(DurationText.of(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(DurationText.of(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(DurationText.of(Duration.ofSeconds(120))).isEqualTo("2 min");
        assertThat(DurationText.of(Duration.ofMinutes(60))).isEqualTo("60 min");
        assertThat(DurationText.of(Duration.ofMinutes(120))).isEqualTo("2 h");
    }

    @Test
    void edges()
    {
        assertThat(DurationText.of(Duration.ZERO)).isEqualTo("0 ms");
        assertThat(DurationText.of(Duration.ofSeconds(-5))).isEqualTo("-5 s");
        assertThatThrownBy(() -> DurationText.of(null)).isInstanceOf(NullPointerException.class).hasMessage("duration is null");
    }
}
