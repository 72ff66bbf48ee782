package io.sluice.schema;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import static java.util.Objects.requireNonNull;

/**
 * Deleting a folder and what it holds, for the services' scratch folders.
 */
public final class Folders
{
    private Folders() {}

    /**
     * What a deletion freed.
     */
    public record Deleted(long files, long bytes) {}

    /**
     * Deletes {@code folder} and everything in it; symbolic links are deleted, not followed.
     *
     * @throws IOException at the first file or folder that cannot be deleted (what came before it is gone)
     */
    public static Deleted delete(Path folder)
            throws IOException
    {
        requireNonNull(folder, "folder is null");
        long[] freed = new long[2];
        Files.walkFileTree(folder, new SimpleFileVisitor<>()
        {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
                    throws IOException
            {
                Files.delete(file);
                freed[0]++;
                freed[1] += attributes.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure)
                    throws IOException
            {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
        return new Deleted(freed[0], freed[1]);
    }
}
