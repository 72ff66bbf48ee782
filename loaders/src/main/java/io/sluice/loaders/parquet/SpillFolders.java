package io.sluice.loaders.parquet;

import io.sluice.schema.Folders;
import io.sluice.schema.HostName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One folder per process under the spill directory, named by its host, process id and start time, so that a process
 * can tell which folders belong to processes of its host that are gone: a lander killed mid-batch (OOM-killed,
 * SIGKILL, a container restarted onto the same volume) left its spill files behind, up to a part's size for each open
 * batch, and a crash loop filled the disk. A process id alone does not tell (a restarted container's process often
 * gets its predecessor's), and another host's folders are never touched: its process ids are not this host's.
 */
final class SpillFolders
{
    private static final Logger LOG = LoggerFactory.getLogger(SpillFolders.class);
    private static final Pattern NAME = Pattern.compile("(.+)_(\\d{1,18})_(\\d{1,18})");

    private SpillFolders() {}

    /**
     * Creates this process's folder under {@code root} (or finds it: the process's writers share it) after deleting
     * the folders of processes that are gone.
     */
    static Path claim(Path root)
            throws IOException
    {
        requireNonNull(root, "root is null");
        String host = HostName.current();
        Files.createDirectories(root);
        for (Path folder : folders(root)) {
            if (ownerGone(folder, host)) {
                deleteLeftovers(folder);
            }
        }
        return Files.createDirectories(root.resolve(name(host, ProcessHandle.current())));
    }

    static String name(String host, ProcessHandle process)
    {
        return "%s_%d_%d".formatted(host, process.pid(), process.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    private static List<Path> folders(Path root)
            throws IOException
    {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).toList();
        }
    }

    /**
     * Whether the process of {@code host} that named {@code folder} has ended: no process has its id, or the one that
     * has started at another time. A process whose start time was not known, or cannot be read now, is taken as alive.
     */
    private static boolean ownerGone(Path folder, String host)
    {
        Matcher name = NAME.matcher(folder.getFileName().toString());
        if (!name.matches() || !name.group(1).equals(host)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(name.group(2)));
        if (process.isEmpty()) {
            return true;
        }
        long recordedStart = Long.parseLong(name.group(3));
        Optional<Instant> started = process.get().info().startInstant();
        return recordedStart != 0 && started.isPresent() && started.get().toEpochMilli() != recordedStart;
    }

    private static void deleteLeftovers(Path folder)
    {
        try {
            Folders.Deleted deleted = Folders.delete(folder);
            if (deleted.files() > 0) {
                LOG.info("deleted {} spill files ({} bytes) that a process no longer running left in {}", deleted.files(), deleted.bytes(), folder);
            }
        }
        catch (IOException e) {
            LOG.warn("cannot delete the spill files a process no longer running left in {}: {}", folder, e.toString());
        }
    }
}
