package io.sluice.queryrunner.report;

import org.junit.jupiter.api.Test;

import java.util.stream.DoubleStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogScaleTest
{
    @Test
    void coversTheValuesWithWholeDecades()
    {
        assertThat(LogScale.covering(DoubleStream.of(5, 420, 30_000), 1)).isEqualTo(new LogScale(1, 100_000));
        assertThat(LogScale.covering(DoubleStream.of(10, 1000), 1)).isEqualTo(new LogScale(10, 1000));
        assertThat(LogScale.covering(DoubleStream.of(0.8, 1.3), 0.01)).isEqualTo(new LogScale(0.1, 10));
        // one value still gets a decade, and values under the floor sit on it
        assertThat(LogScale.covering(DoubleStream.of(50), 1)).isEqualTo(new LogScale(10, 100));
        assertThat(LogScale.covering(DoubleStream.of(0, 0.2, 7), 1)).isEqualTo(new LogScale(1, 10));
        assertThat(LogScale.covering(DoubleStream.empty(), 1)).isEqualTo(new LogScale(1, 10));
    }

    @Test
    void placesValuesByTheirLogarithm()
    {
        LogScale scale = new LogScale(1, 1000);

        assertThat(scale.share(1)).isZero();
        assertThat(scale.share(1000)).isEqualTo(1);
        assertThat(scale.share(10)).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(scale.share(Math.sqrt(10))).isCloseTo(1.0 / 6, within(1e-12));
        assertThat(scale.share(0)).isZero();
        assertThat(scale.share(1e6)).isEqualTo(1);
        assertThat(scale.decades()).containsExactly(1.0, 10.0, 100.0, 1000.0);
        assertThat(new LogScale(0.1, 10).decades()).containsExactly(0.1, 1.0, 10.0);
    }

    @Test
    void refusesAnEmptyOrNegativeRange()
    {
        assertThatThrownBy(() -> new LogScale(0, 10)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 < low < high");
        assertThatThrownBy(() -> new LogScale(10, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogScale.covering(DoubleStream.of(1), 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("floor");
    }
}
