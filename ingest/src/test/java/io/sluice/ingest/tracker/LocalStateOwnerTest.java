package io.sluice.ingest.tracker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LocalStateOwnerTest
{
    @TempDir
    Path stateDir;

    @Test
    void noStateIsNeverStale()
            throws Exception
    {
        LocalStateOwner owner = new LocalStateOwner(stateDir, "tracker");
        assertThat(owner.staleFor("A")).isFalse();
        Files.createDirectories(stateDir.resolve("tracker"));
        assertThat(owner.staleFor("A")).as("an empty application dir").isFalse();
        assertThat(owner.recordedCluster()).isEmpty();
    }

    @Test
    void stateIsStaleForEveryClusterButTheOneItWasClaimedFor()
            throws Exception
    {
        LocalStateOwner owner = new LocalStateOwner(stateDir, "tracker");
        owner.claim("A");
        Files.createDirectories(stateDir.resolve("tracker").resolve("0_1"));

        assertThat(owner.recordedCluster()).contains("A");
        assertThat(owner.staleFor("A")).isFalse();
        assertThat(owner.staleFor("B")).isTrue();
        assertThat(new LocalStateOwner(stateDir, "other-application").staleFor("B")).as("another application's state is its own").isFalse();

        owner.claim("B");
        assertThat(owner.staleFor("B")).isFalse();
        try (var files = Files.list(stateDir)) {
            assertThat(files.map(path -> path.getFileName().toString())).as("no temporary file left").containsExactlyInAnyOrder("tracker", "tracker.kafka-cluster-id");
        }
    }

    @Test
    void stateWithoutARecordedClusterIsStale()
            throws Exception
    {
        Files.createDirectories(stateDir.resolve("tracker").resolve("0_1"));
        assertThat(new LocalStateOwner(stateDir, "tracker").staleFor("A")).isTrue();
    }
}
