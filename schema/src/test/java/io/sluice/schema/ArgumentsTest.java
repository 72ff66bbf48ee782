package io.sluice.schema;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentsTest
{
    @Test
    void checksNameTheArgument()
    {
        assertThat(Arguments.requireText("topic", "TOPIC")).isEqualTo("topic");
        assertThatThrownBy(() -> Arguments.requireText(" ", "TOPIC")).hasMessage("TOPIC is blank");
        assertThatThrownBy(() -> Arguments.requireText(null, "TOPIC")).isInstanceOf(NullPointerException.class).hasMessage("TOPIC is null");
        assertThat(Arguments.requireAtLeast(100, 100, "ROWS")).isEqualTo(100);
        assertThatThrownBy(() -> Arguments.requireAtLeast(99, 100, "ROWS")).hasMessage("ROWS must be >= 100, got 99");
        assertThatThrownBy(() -> Arguments.requireNonNegative(-1, "rows")).hasMessage("rows must be >= 0, got -1");
    }
}
