package io.sluice.stack.trino;

import static java.util.Objects.requireNonNull;

import io.sluice.stack.Artifacts;
import io.sluice.stack.ProcessLauncher;
import io.sluice.stack.ProcessSpec;
import io.sluice.stack.StackException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Trino server from its Maven tarball, extracted once under the cache dir with only the plugins the
 * stack uses (about 370 MB instead of 900 MB, and less for Trino to load at start).
 *
 * <p>The tarball stores files shared between plugins as hard links to the copy in the first plugin that
 * has them, often one the stack drops (delta-lake, bigquery, ...). Extracting only the wanted plugins would
 * leave those links dangling, so everything but {@code bin/} is extracted and the unused plugins deleted
 * afterwards: the kept links still reach their data. The directory is renamed into place only when complete,
 * so a crash or a concurrent start never sees half a server.
 */
final class TrinoDistribution {
    /**
     * The connectors of {@link TrinoConfig}'s catalogs, and the file-system exchange that fault-tolerant
     * execution ({@code retry-policy=TASK}) needs.
     */
    static final Set<String> PLUGINS = Set.of("tpch", "tpcds", "hive", "exchange-filesystem");

    private static final Logger log = LoggerFactory.getLogger(TrinoDistribution.class);
    private static final Duration EXTRACT_TIMEOUT = Duration.ofMinutes(10);

    private TrinoDistribution() {}

    /** The server's directory ({@code lib/}, {@code plugin/}), fetched and extracted if it is not cached yet. */
    static Path prepare(Artifacts artifacts, ProcessLauncher launcher, String version) {
        requireNonNull(version, "version");
        Path dir = artifacts.cacheDir().resolve("trino").resolve("trino-server-" + version);
        if (isComplete(dir)) {
            return dir;
        }
        Path tarball = artifacts.mavenFile("io.trino:trino-server:" + version + ":tar.gz");
        Path work = dir.resolveSibling(dir.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Artifacts.deleteRecursively(work);
            Files.createDirectories(work);
            log.info("extracting {} into {} (once), keeping the plugins {}", tarball.getFileName(), dir, PLUGINS);
            String top = "trino-server-" + version;
            launcher.run(new ProcessSpec("trino-extract",
                    List.of("tar", "-xzf", tarball.toString(), "-C", work.toString(), "--strip-components=1",
                            "--exclude=" + top + "/bin", "--exclude=" + top + "/secrets-plugin"),
                    work, dir.resolveSibling("extract.log")), EXTRACT_TIMEOUT);
            pruneUnusedPlugins(work, tarball);
            if (!isComplete(dir)) {
                Artifacts.deleteRecursively(dir);
            }
            Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            // another JVM completed it first; ours is spare
            deleteQuietly(work);
        } catch (IOException e) {
            deleteQuietly(work);
            throw new UncheckedIOException("cannot prepare the Trino server in " + dir, e);
        } catch (RuntimeException e) {
            deleteQuietly(work);
            throw e;
        }
        if (!isComplete(dir)) {
            throw new StackException("the Trino server in %s is incomplete; delete that directory to extract it again".formatted(dir));
        }
        return dir;
    }

    private static boolean isComplete(Path dir) {
        return Files.isDirectory(dir.resolve("lib")) && PLUGINS.stream().allMatch(plugin -> Files.isDirectory(dir.resolve("plugin").resolve(plugin)));
    }

    private static void pruneUnusedPlugins(Path work, Path tarball) throws IOException {
        Path plugins = work.resolve("plugin");
        for (String plugin : PLUGINS) {
            if (!Files.isDirectory(plugins.resolve(plugin))) {
                throw new StackException("%s has no plugin %s; is it the Trino version the stack pins?".formatted(tarball, plugin));
            }
        }
        try (Stream<Path> all = Files.list(plugins)) {
            for (Path plugin : all.filter(path -> !PLUGINS.contains(path.getFileName().toString())).toList()) {
                Artifacts.deleteRecursively(plugin);
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Artifacts.deleteRecursively(path);
        } catch (IOException e) {
            log.warn("cannot delete {}: {}", path, e.getMessage());
        }
    }
}
