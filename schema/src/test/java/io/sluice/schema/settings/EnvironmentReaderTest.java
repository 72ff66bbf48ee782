package io.sluice.schema.settings;

import io.sluice.schema.event.Sink;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentReaderTest
{
    @Test
    void unsetAndBlankVariablesAreAbsentAndValuesTrimmed()
    {
        EnvironmentReader env = new EnvironmentReader(Map.of("BLANK", "  ", "TEXT", " a b "));

        assertThat(env.string("UNSET")).isEmpty();
        assertThat(env.string("BLANK")).isEmpty();
        assertThat(env.longValue("BLANK")).isEmpty();
        assertThat(env.string("TEXT")).contains("a b");
    }

    @Test
    void parsesTypedValues()
    {
        EnvironmentReader env = new EnvironmentReader(Map.of(
                "N", " -42 ",
                "MS", "1500",
                "FLAG", "FALSE",
                "LIST", " x, ,y ,",
                "SINKS", "ClickHouse , parquet"));

        assertThat(env.longValue("N")).contains(-42L);
        assertThat(env.intValue("N")).contains(-42);
        assertThat(env.millis("MS")).contains(Duration.ofMillis(1500));
        assertThat(env.bool("FLAG")).contains(false);
        assertThat(env.list("LIST")).contains(List.of("x", "y"));
        assertThat(env.enumSet("SINKS", Sink.class, "sink")).contains(Set.of(Sink.CLICKHOUSE, Sink.PARQUET));
        assertThat(env.get("LIST", text -> "[" + text + "]")).contains("[x, ,y ,]");
    }

    @Test
    void badValuesNameTheVariableAndTheValue()
    {
        EnvironmentReader env = new EnvironmentReader(Map.of("N", "many", "FLAG", "yes", "SINKS", "parquet,duckdb", "BIG", "3000000000"));

        assertThatThrownBy(() -> env.longValue("N"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("N 'many' is not a whole number");
        assertThatThrownBy(() -> env.millis("N"))
                .hasMessage("N 'many' is not a whole number");
        assertThatThrownBy(() -> env.bool("FLAG"))
                .hasMessage("FLAG 'yes' must be true or false");
        assertThatThrownBy(() -> env.enumSet("SINKS", Sink.class, "sink"))
                .hasMessage("SINKS entry 'duckdb' is not a sink; use parquet, clickhouse");
        assertThatThrownBy(() -> env.get("N", Integer::valueOf))
                .hasMessage("N='many' is invalid: not a whole number");
        assertThatThrownBy(() -> env.get("FLAG", text -> {
            throw new IllegalArgumentException("flags are on or off");
        }))
                .hasMessage("FLAG='yes' is invalid: flags are on or off");
        assertThatThrownBy(() -> env.intValue("BIG"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("BIG '")
                .hasMessageContaining("out of range");
    }
}
