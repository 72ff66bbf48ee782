package io.sluice.loaders.parquet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** On the real file system, with locks held by real processes. */
class SpillFolderTest
{
    @Test
    void deletesTheFoldersWhoseOwnerIsGoneAndKeepsTheOnesInUse(@TempDir Path root)
            throws Exception
    {
        // another process's folder, in use, and one whose process is gone: each locked its .owner file in turn
        Path inUse = Files.createDirectories(root.resolve("another-process-in-use"));
        Path leftover = Files.createDirectories(root.resolve("another-process-gone"));
        Path ended = Files.writeString(leftover.resolve("a.parquet.tmp"), "rows of a batch that never landed");
        Files.writeString(inUse.resolve("b.parquet.tmp"), "rows of a batch being written");
        lockedBy(leftover).waitFor();
        Process owner = lockedBy(inUse);
        Path notASpillFolder = Files.createDirectories(root.resolve("notes"));
        Path loose = Files.writeString(root.resolve("old.parquet.tmp"), "rows");
        try {
            try (SpillFolder first = SpillFolder.claim(root); SpillFolder second = SpillFolder.claim(root)) {
                assertThat(ended).doesNotExist();
                assertThat(leftover).doesNotExist();
                assertThat(inUse.resolve("b.parquet.tmp")).exists();
                assertThat(List.of(notASpillFolder, loose)).allSatisfy(path -> assertThat(path).exists());
                // one process's folders do not take each other for leftovers (a second claim would release the first's lock)
                assertThat(first.path()).isDirectory().isNotEqualTo(second.path());
                Files.writeString(first.path().resolve("c.parquet.tmp"), "rows");
                try (SpillFolder third = SpillFolder.claim(root)) {
                    assertThat(first.path().resolve("c.parquet.tmp")).exists();
                    assertThat(second.path()).isDirectory();
                }
                assertThat(folders(root)).containsExactlyInAnyOrder(inUse, first.path(), second.path(), notASpillFolder);
            }
            assertThat(folders(root)).containsExactlyInAnyOrder(inUse, notASpillFolder);
        }
        finally {
            owner.destroyForcibly().waitFor();
        }
        // its owner is gone now
        try (SpillFolder next = SpillFolder.claim(root)) {
            assertThat(folders(root)).containsExactlyInAnyOrder(next.path(), notASpillFolder);
        }
    }

    /**
     * Another JVM that locks the folder's {@code .owner} as a spill folder's owner does and holds the lock until it is
     * killed, or, for a folder whose owner is gone, ends at once; returns once it holds it.
     */
    private static Process lockedBy(Path folder)
            throws IOException
    {
        Path lock = Files.createFile(folder.resolve(".owner"));
        Path program = Files.writeString(folder.resolveSibling(folder.getFileName() + "-HoldLock.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                class HoldLock
                {
                    public static void main(String[] args)
                            throws Exception
                    {
                        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            channel.lock();
                            System.out.println("locked");
                            if (args[1].equals("hold")) {
                                Thread.sleep(600_000);
                            }
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, program.toString(), lock.toString(), folder.getFileName().toString().endsWith("in-use") ? "hold" : "end")
                .redirectErrorStream(true).start();
        try {
            assertThat(process.inputReader().readLine()).isEqualTo("locked");
        }
        finally {
            Files.delete(program);
        }
        return process;
    }

    private static List<Path> folders(Path root)
            throws IOException
    {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }
}
