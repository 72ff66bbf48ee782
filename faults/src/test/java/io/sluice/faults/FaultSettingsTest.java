package io.sluice.faults;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultSettingsTest
{
    @Test
    void defaultsRefuseFaults()
    {
        assertThat(FaultSettings.fromEnvironment(Map.of()))
                .isEqualTo(new FaultSettings(FaultSettings.Injector.NONE, Optional.empty(), "sluice"));
    }

    @Test
    void readsEveryVariable()
    {
        assertThat(FaultSettings.fromEnvironment(Map.of(
                "SLUICE_FAULT_INJECTOR", "kubernetes",
                "SLUICE_FAULT_NAMESPACE", "bench",
                "SLUICE_FAULT_RELEASE", "tpch-10t")))
                .isEqualTo(new FaultSettings(FaultSettings.Injector.KUBERNETES, Optional.of("bench"), "tpch-10t"));
    }

    @Test
    void anUnknownInjectorNamesTheVariableAndTheChoices()
    {
        assertThatThrownBy(() -> FaultSettings.fromEnvironment(Map.of("SLUICE_FAULT_INJECTOR", "chaos")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SLUICE_FAULT_INJECTOR='chaos' is invalid: choose from none, kubernetes");
    }
}
