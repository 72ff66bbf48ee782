package io.sluice.loaders.parquet;

import io.sluice.schema.HostName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** On the real file system and the real process table. */
class SpillFoldersTest
{
    private static final String HOST = HostName.current();

    @Test
    void deletesTheFoldersOfThisHostsEndedProcessesOnly(@TempDir Path root)
            throws Exception
    {
        ProcessHandle self = ProcessHandle.current();
        long selfStart = self.info().startInstant().map(Instant::toEpochMilli).orElseThrow();
        // this process's id, but another start: a process that had the id before (a restarted container's lander)
        Path ended = spillFile(root, "%s_%d_%d".formatted(HOST, self.pid(), selfStart - 60_000));
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Path running = spillFile(root, SpillFolders.name(HOST, sleeper.toHandle()));
            Path otherHost = spillFile(root, "%s_%d_%d".formatted(HOST + "-other", self.pid(), selfStart - 60_000));
            Path startUnknown = spillFile(root, "%s_%d_0".formatted(HOST, sleeper.pid()));
            Path notAProcess = spillFile(root, "notes");
            Path loose = Files.writeString(root.resolve("old.parquet.tmp"), "rows");

            Path own = SpillFolders.claim(root);

            assertThat(own).isEqualTo(root.resolve(SpillFolders.name(HOST, self))).isDirectory();
            assertThat(ended.getParent()).doesNotExist();
            assertThat(running).exists();
            assertThat(otherHost).exists();
            assertThat(startUnknown).exists();
            assertThat(notAProcess).exists();
            assertThat(loose).exists();

            // the process's writers share its folder
            Path spill = Files.writeString(own.resolve("a.parquet.tmp"), "rows");
            assertThat(SpillFolders.claim(root)).isEqualTo(own);
            assertThat(spill).exists();
        }
        finally {
            sleeper.destroyForcibly().waitFor();
        }
        // the sleeper has ended: its folders go at the next claim, the one whose start was not known too
        SpillFolders.claim(root);
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder(SpillFolders.name(HOST, self), "%s-other_%d_%d".formatted(HOST, self.pid(), selfStart - 60_000), "notes", "old.parquet.tmp");
        }
    }

    private static Path spillFile(Path root, String folder)
            throws IOException
    {
        Path directory = Files.createDirectories(root.resolve(folder));
        return Files.writeString(directory.resolve("leftover.parquet.tmp"), "rows of a batch that never landed");
    }
}
