package io.sluice.queryrunner.spark;

import org.apache.spark.launcher.JavaModuleOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Lays out a {@code SPARK_HOME} from jars Maven resolved (spark-sql, hadoop-aws and their dependencies):
 * {@code jars/} links to them, and {@code bin/spark-submit} is a script of ours that runs
 * {@code org.apache.spark.deploy.SparkSubmit} on the given JDK with the {@code --add-opens} list Spark's own
 * launcher uses ({@link JavaModuleOptions}; without it Spark fails on JDK 17+), with {@code -Xmx} from
 * {@code SPARK_DRIVER_MEMORY} and {@code java.io.tmpdir} from {@value #DRIVER_TMPDIR_ENV} when set.
 * {@code SparkLauncher} runs that script as a child process, the same path that submits to {@code k8s://…}.
 */
public final class SparkHome
{
    /**
     * The driver JVM's {@code java.io.tmpdir} (our {@code spark-submit} only): where Spark's artifact folders and
     * the native libraries its jars extract go, which a killed driver leaves behind.
     */
    public static final String DRIVER_TMPDIR_ENV = "SPARK_DRIVER_TMPDIR";

    private SparkHome() {}

    /**
     * Maven coordinates of the jars a Spark home needs: Spark SQL, and Hadoop's S3A with its client jars named
     * explicitly so they win over the older ones Spark depends on (those call {@code Subject.getSubject}, which
     * throws on JDK 24+, so no {@code s3a://} path could be opened).
     */
    public static List<String> artifactCoordinates()
    {
        try (InputStream in = SparkHome.class.getResourceAsStream("spark-artifacts.txt")) {
            if (in == null) {
                throw new IllegalStateException("spark-artifacts.txt is missing from the query-runner jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path layOut(Path home, List<Path> jars, Path javaHome)
    {
        requireNonNull(home, "home is null");
        requireNonNull(jars, "jars is null");
        requireNonNull(javaHome, "javaHome is null");
        try {
            Path jarDir = Files.createDirectories(home.resolve("jars"));
            for (Path jar : jars) {
                Path link = jarDir.resolve(jar.getFileName());
                if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            }
            Files.createDirectories(home.resolve("conf"));
            Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
            Files.writeString(submit, script(javaHome));
            Files.setPosixFilePermissions(submit, PosixFilePermissions.fromString("rwxr-xr-x"));
            return home;
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot lay out SPARK_HOME in %s: %s".formatted(home, e.getMessage()), e);
        }
    }

    static String script(Path javaHome)
    {
        return """
                #!/bin/sh
                # Written by Sluice (SparkHome): spark-submit without Spark's distribution scripts.
                SPARK_HOME="$(cd "$(dirname "$0")/.." && pwd)"
                export SPARK_HOME
                exec "%1$s/bin/java" -Xmx"${SPARK_DRIVER_MEMORY:-1g}" ${%2$s:+"-Djava.io.tmpdir=$%2$s"} \\
                    %3$s --enable-native-access=ALL-UNNAMED \\
                    -cp "$SPARK_HOME/conf:$SPARK_HOME/jars/*" org.apache.spark.deploy.SparkSubmit "$@"
                """.formatted(javaHome.toAbsolutePath(), DRIVER_TMPDIR_ENV, JavaModuleOptions.defaultModuleOptions());
    }
}
