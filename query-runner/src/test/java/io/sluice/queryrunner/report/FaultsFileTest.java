package io.sluice.queryrunner.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsFileTest
{
    @Test
    void readsColumnsByNameWithEmptyCellsAsWhatDidNotHappen(@TempDir Path directory)
            throws IOException
    {
        Files.writeString(directory.resolve(FaultsFile.FILE_NAME), """
                queries_failed,extra,target,kind,phase,injected_ms,cleared_ms,recovery_ms,error
                4,x,trino,pause,benchmark,1000,2000,,"timed out, ""twice""\"
                0,y,s3,outage,ingest,,,,
                """);

        assertThat(FaultsFile.read(directory)).containsExactly(
                new RecordedFault("trino", "pause", "benchmark", OptionalLong.of(1000), OptionalLong.of(2000), OptionalLong.empty(), OptionalLong.empty(), 4,
                        Optional.of("timed out, \"twice\"")),
                new RecordedFault("s3", "outage", "ingest", OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), 0, Optional.empty()));
    }

    @Test
    void aRunWithoutTheFileHasNoFaults(@TempDir Path directory)
    {
        assertThat(FaultsFile.read(directory)).isEmpty();
    }

    @Test
    void namesTheLineAndColumnOfWhatItCannotRead()
    {
        String header = "target,kind,phase,injected_ms,cleared_ms,recovery_ms,queries_failed\n";
        assertThatThrownBy(() -> FaultsFile.parse(header + "kafka,kill,ingest,soon,,,0\n", "run/faults.csv"))
                .hasMessage("run/faults.csv line 2: column injected_ms is 'soon', not a whole number of milliseconds");
        assertThatThrownBy(() -> FaultsFile.parse(header + "kafka,kill,ingest,1,2\n", "run/faults.csv"))
                .hasMessage("run/faults.csv line 2 has 5 fields, the header 7");
        assertThatThrownBy(() -> FaultsFile.parse(header + ",kill,ingest,1,2,3,0\n", "run/faults.csv"))
                .hasMessage("run/faults.csv line 2: column target is empty; every fault names its target");
        assertThatThrownBy(() -> FaultsFile.parse("target,kind,injected_ms\n", "run/faults.csv"))
                .hasMessageStartingWith("run/faults.csv has no column phase, cleared_ms, recovery_ms, queries_failed");
        assertThatThrownBy(() -> FaultsFile.parse(header + "kafka,kill,ingest,1,2,3,\"0\n", "run/faults.csv"))
                .hasMessage("run/faults.csv line 2: a quoted field is not closed");
    }
}
