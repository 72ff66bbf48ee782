package io.sluice.ops;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsSettingsTest
{
    @Test
    void offAndOnLoopbackUnlessInAPod()
    {
        assertThat(MetricsSettings.fromEnvironment(Map.of())).isEqualTo(new MetricsSettings(0, "127.0.0.1"));
        assertThat(MetricsSettings.fromEnvironment(Map.of()).enabled()).isFalse();
        assertThat(MetricsSettings.fromEnvironment(Map.of("SLUICE_METRICS_PORT", "9400")))
                .isEqualTo(new MetricsSettings(9400, "127.0.0.1"));
        assertThat(MetricsSettings.fromEnvironment(Map.of("SLUICE_METRICS_PORT", "9400", "KUBERNETES_SERVICE_HOST", "10.0.0.1")))
                .isEqualTo(new MetricsSettings(9400, "0.0.0.0"));
        assertThat(MetricsSettings.fromEnvironment(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "SLUICE_METRICS_BIND_ADDRESS", "10.1.2.3")).bindAddress())
                .isEqualTo("10.1.2.3");
    }

    @Test
    void badValuesNameTheSetting()
    {
        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of("SLUICE_METRICS_PORT", "nine")))
                .hasMessage("SLUICE_METRICS_PORT='nine' is invalid: not a whole number");
        assertThatThrownBy(() -> MetricsSettings.fromEnvironment(Map.of("SLUICE_METRICS_PORT", "70000")))
                .hasMessage("SLUICE_METRICS_PORT (--metrics-port) must be 0 (off) to 65535, got 70000");
        assertThatThrownBy(() -> new MetricsSettings(9400, " "))
                .hasMessageStartingWith("SLUICE_METRICS_BIND_ADDRESS is blank");
    }
}
