package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches the servers' artifacts once and caches them. Maven artifacts are resolved by running Maven itself
 * (into the local Maven repository); npm packages with {@code npm pack}. What was resolved is recorded
 * under the cache dir, so later starts check that files exist and run no tool at all.
 *
 * <p>Cache dir: {@code $SLUICE_CACHE_DIR}, else {@code ~/.cache/sluice}. Maven: {@code $SLUICE_MAVEN}, else
 * the nearest {@code mvnw} above the working directory, else {@code mvn} on the PATH.
 *
 * <p>Each fetch is told to a {@link DownloadProgress}. The tools report no progress of their own that could be
 * read, so while one runs the bytes on disk are measured: for Maven the growth of the requested artifacts' folders
 * in the local repository (Maven's default, {@code ~/.m2/repository}, where its resolver writes a download's
 * temporary file next to the final one), for npm its work folder. The dependencies of a classpath are not
 * measured until the end, when the size of every file is known.
 */
public final class Artifacts {
    private static final Logger log = LoggerFactory.getLogger(Artifacts.class);
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(30);
    private static final Pattern ERROR_LINE = Pattern.compile("^(\\[ERROR]|npm (error|ERR!))");
    private static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(500);

    private final Path cacheDir;
    private final Supplier<Path> maven;
    private final Path mavenRepository;
    private final DownloadProgress progress;

    public Artifacts(Path cacheDir, Supplier<Path> maven, DownloadProgress progress) {
        this(cacheDir, maven, Path.of(System.getProperty("user.home"), ".m2", "repository"), progress);
    }

    /** @param mavenRepository the local repository Maven downloads into, where the growing files are measured */
    Artifacts(Path cacheDir, Supplier<Path> maven, Path mavenRepository, DownloadProgress progress) {
        this.cacheDir = requireNonNull(cacheDir, "cacheDir").toAbsolutePath();
        this.maven = requireNonNull(maven, "maven");
        this.mavenRepository = requireNonNull(mavenRepository, "mavenRepository");
        this.progress = requireNonNull(progress, "progress");
    }

    /** Cache dir and Maven from the environment (see the class comment); Maven is looked up only when needed. */
    public static Artifacts fromEnvironment() {
        return fromEnvironment(DownloadProgress.none());
    }

    /** As {@link #fromEnvironment()}, telling {@code progress} of each fetch. */
    public static Artifacts fromEnvironment(DownloadProgress progress) {
        Path cacheDir = Optional.ofNullable(System.getenv("SLUICE_CACHE_DIR"))
                .filter(dir -> !dir.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".cache", "sluice"));
        return new Artifacts(cacheDir, Artifacts::findMaven, progress);
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /**
     * One Maven artifact, without its dependencies.
     *
     * @param coordinates {@code group:artifact:version[:type[:classifier]]}
     */
    public Path mavenFile(String coordinates) {
        List<Path> files = resolve(List.of(MavenCoordinates.parse(coordinates)), false);
        if (files.size() != 1) {
            throw new StackException("fetching %s gave %d files instead of one".formatted(coordinates, files.size()));
        }
        return files.getFirst();
    }

    /** The transitive runtime classpath of a Maven artifact (the artifact first). */
    public List<Path> mavenClasspath(String coordinates) {
        return mavenClasspath(List.of(coordinates));
    }

    /**
     * The transitive runtime classpath of several Maven artifacts resolved together (so Maven mediates their
     * shared dependencies to one version each), e.g. a server and the logging binding it lacks.
     */
    public List<Path> mavenClasspath(List<String> coordinates) {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("no coordinates");
        }
        return resolve(coordinates.stream().map(MavenCoordinates::parse).toList(), true);
    }

    /** An npm package, packed and extracted under the cache dir; returns the package's root directory. */
    public Path npmPackage(String name, String version) {
        requireNonNull(name, "name");
        requireNonNull(version, "version");
        String spec = name + "@" + version;
        Path dir = cacheDir.resolve("npm").resolve(safeName(spec));
        Path packageDir = dir.resolve("package");
        Path complete = dir.resolve(".complete");
        if (Files.exists(complete)) {
            return cached(spec, packageDir, List.of(packageDir));
        }
        return underLock(dir, () -> {
            if (Files.exists(complete)) {
                return cached(spec, packageDir, List.of(packageDir));
            }
            Path work = recreate(dir.resolveSibling(dir.getFileName() + ".tmp"));
            fetching(spec, fetch -> {
                runTool(spec, List.of("npm", "pack", "--silent", spec), work, fetch, () -> treeSize(work));
                Path tarball;
                try (Stream<Path> files = Files.list(work)) {
                    tarball = files.filter(file -> file.getFileName().toString().endsWith(".tgz")).findFirst()
                            .orElseThrow(() -> new StackException("npm pack %s left no .tgz in %s".formatted(spec, work)));
                }
                long packed = Files.size(tarball);
                runTool(spec, List.of("tar", "-xzf", tarball.toString(), "-C", work.toString()), work, fetch, () -> packed);
                Files.delete(tarball);
                deleteRecursively(packageDir);
                Files.createDirectories(dir);
                Files.move(work.resolve("package"), packageDir, StandardCopyOption.ATOMIC_MOVE);
                deleteRecursively(work);
                Files.writeString(complete, spec + "\n");
                return List.of(packageDir);
            });
            return packageDir;
        });
    }

    private List<Path> resolve(List<MavenCoordinates> artifacts, boolean transitive) {
        String name = String.join("+", artifacts.stream().map(MavenCoordinates::toString).toList());
        Path dir = cacheDir.resolve("maven").resolve(safeName(name) + (transitive ? ".classpath" : ".file"));
        Path list = dir.resolve("paths.txt");
        Optional<List<Path>> cached = readCached(list);
        if (cached.isPresent()) {
            return cached(name, cached.get(), cached.get());
        }
        return underLock(dir, () -> {
            Optional<List<Path>> again = readCached(list);
            if (again.isPresent()) {
                return cached(name, again.get(), again.get());
            }
            List<Path> folders = artifacts.stream().map(artifact -> artifact.repositoryFolder(mavenRepository)).toList();
            // what is there already (an artifact in the local repository, only not listed in this cache) is not fetched now
            long before = filesSize(folders);
            return fetching(name, fetch -> {
                Path pom = dir.resolve("pom.xml");
                Files.writeString(pom, MavenCoordinates.resolverPom(artifacts, transitive));
                Path output = dir.resolve("classpath.txt");
                Files.deleteIfExists(output);
                runTool(name, List.of(maven.get().toString(), "-q", "-B", "-f", pom.toString(),
                        DEPENDENCY_PLUGIN + ":build-classpath",
                        "-Dmdep.outputFile=" + output,
                        "-Dmdep.includeScope=runtime"), dir, fetch, () -> Math.max(0, filesSize(folders) - before));
                List<Path> paths = Arrays.stream(Files.readString(output).split(File.pathSeparator))
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .map(Path::of)
                        .toList();
                if (paths.isEmpty() || !paths.stream().allMatch(Files::isRegularFile)) {
                    throw new StackException("fetching %s with Maven gave no usable files (see %s)".formatted(name, output));
                }
                for (MavenCoordinates artifact : artifacts) {
                    if (paths.stream().noneMatch(path -> artifact.matchesFileName(path.getFileName().toString()))) {
                        throw new StackException("fetching %s with Maven did not give %s itself (see %s)".formatted(name, artifact, output));
                    }
                }
                writeAtomically(list, String.join("\n", paths.stream().map(Path::toString).toList()) + "\n");
                return paths;
            });
        });
    }

    private static Optional<List<Path>> readCached(Path list) {
        if (!Files.isRegularFile(list)) {
            return Optional.empty();
        }
        try {
            List<Path> paths = Files.readAllLines(list).stream().filter(line -> !line.isBlank()).map(Path::of).toList();
            return paths.isEmpty() || !paths.stream().allMatch(Files::isRegularFile) ? Optional.empty() : Optional.of(paths);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private <T> T cached(String artifact, T value, List<Path> files) {
        progress.onDownload(new Download(artifact, Download.Phase.CACHED, totalSize(files), OptionalLong.empty(), Duration.ZERO));
        return value;
    }

    private interface FetchBody {
        /** Fetches, telling {@code fetch} what it measures; returns the fetched files. */
        List<Path> run(FetchProgress fetch) throws IOException;
    }

    /** Runs a fetch between its {@code STARTED} and {@code FINISHED} reports, or {@code FAILED} if it throws. */
    private List<Path> fetching(String artifact, FetchBody body) throws IOException {
        log.info("fetching {} (once)", artifact);
        FetchProgress fetch = new FetchProgress(artifact, System.nanoTime());
        fetch.report(Download.Phase.STARTED, 0);
        List<Path> files;
        try {
            files = body.run(fetch);
        } catch (IOException | RuntimeException e) {
            fetch.report(Download.Phase.FAILED, fetch.lastBytes);
            throw e;
        }
        long bytes = totalSize(files);
        Duration elapsed = fetch.report(Download.Phase.FINISHED, bytes);
        log.info("fetched {}: {} MB in {} s", artifact, "%.1f".formatted(bytes / 1e6), "%.1f".formatted(elapsed.toMillis() / 1e3));
        return files;
    }

    private final class FetchProgress {
        private final String artifact;
        private final long startNanos;
        private long lastBytes;

        private FetchProgress(String artifact, long startNanos) {
            this.artifact = artifact;
            this.startNanos = startNanos;
        }

        void running(long bytes) {
            lastBytes = bytes;
            report(Download.Phase.RUNNING, bytes);
        }

        Duration report(Download.Phase phase, long bytes) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            progress.onDownload(new Download(artifact, phase, bytes, OptionalLong.empty(), elapsed));
            return elapsed;
        }
    }

    /**
     * Runs a fetch tool, telling {@code fetch} what {@code measured} says about twice a second while it runs; on
     * failure names the artifact, the command and the line of its output that says why: the first error line
     * (Maven and npm end with boilerplate after it), else the last line.
     */
    private static void runTool(String artifact, List<String> command, Path workDir, FetchProgress fetch, LongSupplier measured) throws IOException {
        Path output = workDir.resolve("fetch.log");
        Process process = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(output.toFile())
                .redirectErrorStream(true)
                .start();
        boolean done;
        long deadline = System.nanoTime() + FETCH_TIMEOUT.toNanos();
        try {
            do {
                done = process.waitFor(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    fetch.running(measured.getAsLong());
                }
            } while (!done && System.nanoTime() < deadline);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while fetching " + artifact, e);
        }
        if (!done) {
            process.destroyForcibly();
        }
        if (!done || process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(output).stream().filter(line -> !line.isBlank()).toList();
            String last = lines.stream().filter(line -> ERROR_LINE.matcher(line).find()).findFirst()
                    .or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.getLast()))
                    .map(String::strip)
                    .orElse("(no output)");
            throw new StackException("cannot fetch %s: `%s` %s: %s".formatted(artifact, String.join(" ", command),
                    done ? "failed with exit code " + process.exitValue() : "timed out", last));
        }
    }

    private interface Fetch<T> {
        T run() throws IOException;
    }

    /** Serializes fetches of one artifact across threads and JVMs (two test JVMs may start at once). */
    private static <T> T underLock(Path dir, Fetch<T> fetch) {
        try {
            Files.createDirectories(dir.getParent());
            Path lockFile = dir.resolveSibling(dir.getFileName() + ".lock");
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes
                Files.createDirectories(dir);
                return fetch.run();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path findMaven() {
        Optional<Path> fromEnv = Optional.ofNullable(System.getenv("SLUICE_MAVEN")).filter(value -> !value.isBlank()).map(Path::of);
        if (fromEnv.isPresent()) {
            if (!Files.isExecutable(fromEnv.get())) {
                throw new StackException("SLUICE_MAVEN=%s is not an executable; point it at a mvn".formatted(fromEnv.get()));
            }
            return fromEnv.get();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path wrapper = dir.resolve("mvnw");
            if (Files.isExecutable(wrapper)) {
                return wrapper;
            }
        }
        return Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "mvn"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new StackException(
                        "fetching server artifacts needs Maven: install mvn, run from the project (its mvnw), or set SLUICE_MAVEN"));
    }

    /** Bytes of the regular files directly in the folders (0 for one that does not exist yet). */
    private static long filesSize(List<Path> folders) {
        long bytes = 0;
        for (Path folder : folders) {
            try (Stream<Path> files = Files.list(folder)) {
                bytes += files.mapToLong(Artifacts::sizeOrZero).sum();
            } catch (IOException e) {
                // not created yet
            }
        }
        return bytes;
    }

    /** Bytes of the regular files under a folder, or of a file. */
    private static long treeSize(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            return files.mapToLong(Artifacts::sizeOrZero).sum();
        } catch (IOException | UncheckedIOException e) {
            // a file went away while walking (a tool renames its temporary files): measured again next time
            return 0;
        }
    }

    private static long totalSize(List<Path> paths) {
        return paths.stream().mapToLong(Artifacts::treeSize).sum();
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String safeName(String value) {
        return value.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static Path recreate(Path dir) throws IOException {
        deleteRecursively(dir);
        return Files.createDirectories(dir);
    }

    /** Deletes a file or a directory tree; nothing happens when it does not exist. Symbolic links are deleted, not followed. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
