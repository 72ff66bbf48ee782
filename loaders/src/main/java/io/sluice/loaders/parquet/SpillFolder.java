package io.sluice.loaders.parquet;

import io.sluice.schema.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A folder of one writer's own under the spill directory, locked for as long as it is open, so that the next writer can
 * tell the folders whose owner is gone: a lander killed mid-batch (OOM-killed, SIGKILL, a container restarted onto the
 * same volume) left its spill files behind, up to a part's size for each open batch, and a crash loop filled the disk.
 * The operating system releases a process's locks when it ends, however it ends, so the rule needs neither process ids
 * (a restarted container's process often has its predecessor's) nor clocks.
 *
 * <p>A process's lock on a file goes when any channel it has on that file closes, so a writer never opens the lock
 * file of a folder its own process made: their names start with the process's id and start time.
 */
final class SpillFolder
        implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SpillFolder.class);
    private static final String LOCK = ".owner";
    private static final String CREATING = ".creating-";

    private final Path path;
    private final FileChannel lock;

    private SpillFolder(Path path, FileChannel lock)
    {
        this.path = path;
        this.lock = lock;
    }

    /**
     * Deletes the folders under {@code root} whose owner is gone, then makes and locks one for the caller.
     */
    static SpillFolder claim(Path root)
            throws IOException
    {
        requireNonNull(root, "root is null");
        Files.createDirectories(root);
        String process = processPrefix();
        for (Path folder : folders(root)) {
            if (!folder.getFileName().toString().startsWith(process)) {
                deleteIfOwnerGone(folder);
            }
        }
        // made under a name no writer looks at, and locked, before it gets its own
        Path creating = Files.createDirectory(root.resolve(CREATING + UUID.randomUUID()));
        FileChannel channel = FileChannel.open(creating.resolve(LOCK), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            channel.lock();
            Path folder = Files.move(creating, root.resolve(process + UUID.randomUUID()), StandardCopyOption.ATOMIC_MOVE);
            return new SpillFolder(folder, channel);
        }
        catch (IOException | RuntimeException e) {
            try (channel) {
                Folders.delete(creating);
            }
            catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    Path path()
    {
        return path;
    }

    /**
     * Releases the folder and deletes it with what is left in it.
     */
    @Override
    public void close()
    {
        try {
            lock.close();
            Folders.delete(path);
        }
        catch (IOException e) {
            LOG.warn("cannot delete the spill folder {}: {}", path, e.toString());
        }
    }

    private static String processPrefix()
    {
        ProcessHandle self = ProcessHandle.current();
        return "%d_%d_".formatted(self.pid(), self.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    private static List<Path> folders(Path root)
            throws IOException
    {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).filter(folder -> !folder.getFileName().toString().startsWith(".")).toList();
        }
    }

    private static void deleteIfOwnerGone(Path folder)
    {
        try (FileChannel channel = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.WRITE)) {
            FileLock held = channel.tryLock();
            if (held == null) {
                return;
            }
            Folders.Deleted deleted = Folders.delete(folder);
            LOG.info("deleted {} spill files ({} bytes) that a lander no longer running left in {}", deleted.files() - 1, deleted.bytes(), folder);
        }
        catch (NoSuchFileException e) {
            // not a spill folder, or another writer deleted it first
        }
        catch (OverlappingFileLockException e) {
            // this process's after all (its start time could not be read when the folder was named): in use
        }
        catch (IOException e) {
            LOG.warn("cannot tell whether the spill folder {} is in use, so it stays: {}", folder, e.toString());
        }
    }
}
