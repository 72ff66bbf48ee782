package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The class-data archive (dynamic CDS) of one JVM program the stack starts, kept under the cache dir. The JVM writes
 * it when the program first exits and maps it at later starts instead of loading and verifying the same classes from
 * jars again: on this project's 2-core machine Trino 476 logs SERVER STARTED after 9-11 s instead of 12-14, a Kafka
 * controller after 1.0 s instead of 1.9, and a Kafka storage format takes 0.5 s instead of 0.95. A server killed with SIGKILL writes
 * nothing, and the JVM itself writes the archive again when it no longer fits the classpath or the JDK.
 *
 * <p>One archive the JVM cannot mend: one whose writer was killed while writing it. The JVM writes the header last, so
 * such a file starts with zeros; the JVM then skips it at every start and never writes it again (it takes the file
 * for a broken base archive). {@link #jvmOptions()} deletes such a file, and the program's next exit writes a new one.
 */
public final class ClassDataArchive {
    private static final int HEADER_PROBE_BYTES = 8;

    private final Path file;

    private ClassDataArchive(Path file) {
        this.file = requireNonNull(file, "file");
    }

    /**
     * The archive of one program under the cache dir.
     *
     * @param program the program and its version, e.g. {@code trino-476}: processes that run other classes (a
     *     Kafka broker, its storage format) need archives of their own
     */
    public static ClassDataArchive of(Path cacheDir, String program) {
        requireNonNull(cacheDir, "cacheDir");
        requireNonNull(program, "program");
        if (!program.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("program must be a file name of letters, digits, '.', '_' and '-': " + program);
        }
        return new ClassDataArchive(cacheDir.resolve("class-data").resolve(program + ".jsa"));
    }

    public Path file() {
        return file;
    }

    /**
     * The JVM options that map the archive, or write it at exit when it is missing or stale. Deletes a file cut off
     * while being written first (see the class comment).
     */
    public List<String> jvmOptions() {
        try {
            Files.createDirectories(file.getParent());
            if (cutOff()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the class-data archive " + file, e);
        }
        return List.of(
                "-XX:SharedArchiveFile=" + file,
                "-XX:+AutoCreateSharedArchive",
                // what the JVM says of the archive (classes it leaves out, a module option it does not keep) would
                // land among the server's own log lines at every start; the archive only saves time
                "-Xlog:cds=off");
    }

    private boolean cutOff() throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(HEADER_PROBE_BYTES);
        } catch (NoSuchFileException e) {
            return false;
        }
        for (byte b : header) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
