package io.sluice.queryrunner.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.schema.result.Engine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunFilesTest
{
    @Test
    void keepsEachExecutionsStartTimeInJsonAndCsv(@TempDir Path directory)
    {
        RunRecord record = record(OptionalLong.of(1_700_000_000_123L));
        RunFiles.write(directory, record);

        assertThat(RunFiles.read(directory)).isEqualTo(record);
        assertThat(directory.resolve(RunFiles.CSV)).content()
                .startsWith(RunFiles.CSV_HEADER + "\n")
                .contains("trino,q01,1,false,ok,1700000000123,42,4,true,,\n");
    }

    @Test
    void readsResultsWrittenBeforeStartTimesWereKept(@TempDir Path directory)
            throws IOException
    {
        RunFiles.write(directory, record(OptionalLong.of(5L)));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode json = mapper.readTree(directory.resolve(RunFiles.JSON).toFile());
        json.path("executions").forEach(execution -> ((ObjectNode) execution).remove("startedAtMs"));
        mapper.writeValue(directory.resolve(RunFiles.JSON).toFile(), json);

        RunRecord read = RunFiles.read(directory);

        assertThat(read).isEqualTo(record(OptionalLong.empty()));
        assertThat(RunFiles.csv(read)).contains("trino,q01,1,false,ok,,42,4,true,,\n");
    }

    @Test
    void aDirectoryWithoutARunRecordIsNamedWithWhatIsWrong(@TempDir Path directory)
            throws IOException
    {
        assertThatThrownBy(() -> RunFiles.read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("%s is not a run directory: it has no results.json".formatted(directory));

        Files.writeString(directory.resolve(RunFiles.JSON), "{\n  \"runId\": \"r\",\n");
        assertThatThrownBy(() -> RunFiles.read(directory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasNoCause()
                .hasMessageStartingWith("cannot read %s: not a run record (line 3, column 1: Unexpected end-of-input".formatted(directory.resolve(RunFiles.JSON)))
                .hasMessageNotContaining("REDACTED");
    }

    private static RunRecord record(OptionalLong startedAtMs)
    {
        Execution execution = new Execution("r", "tpch.sf0_01", Engine.TRINO, "q01", 1, false, ExecutionStatus.OK, startedAtMs, 42, 4,
                Optional.empty(), Optional.empty(), true, "q1.sql", Map.of());
        return new RunRecord("r", "p", "tpch.sf0_01", List.of(Engine.TRINO), List.of("q01"), 0, 1, 1, 1_000, 1, 2, List.of(execution));
    }
}
