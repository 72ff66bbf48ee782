package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Artifacts against a stand-in for Maven, so the caching and the error paths run without a network. */
class ArtifactsTest {
    @TempDir
    Path dir;

    @Test
    void resolvesOnceThenAnswersFromTheCache() throws IOException {
        Path jar = Files.writeString(dir.resolve("s3proxy-4.1.0-jar-with-dependencies.jar"), "jar");
        Path calls = dir.resolve("calls");
        Path maven = fakeMaven("""
                echo call >> %s
                for arg in "$@"; do case "$arg" in -Dmdep.outputFile=*) printf '%%s' '%s' > "${arg#-Dmdep.outputFile=}";; esac; done
                """.formatted(calls, jar));
        Artifacts artifacts = new Artifacts(dir.resolve("cache"), () -> maven, DownloadProgress.none());

        assertThat(artifacts.mavenFile("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies")).isEqualTo(jar);
        assertThat(artifacts.mavenFile("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies")).isEqualTo(jar);
        assertThat(new Artifacts(dir.resolve("cache"), () -> {
            throw new AssertionError("Maven looked up although the artifact is cached");
        }, DownloadProgress.none()).mavenFile("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies")).isEqualTo(jar);

        assertThat(Files.readAllLines(calls)).hasSize(1);
    }

    @Test
    void aFailedFetchNamesTheArtifactTheCommandAndItsErrorLine() throws IOException {
        Path maven = fakeMaven("""
                echo "[INFO] resolving"
                echo "[ERROR] Could not find artifact org.example:missing:jar:1.0" >&2
                echo "[ERROR] -> [Help 1]" >&2
                echo "[ERROR] For more information about the errors and possible solutions, please read the following articles:" >&2
                exit 1
                """);
        Artifacts artifacts = new Artifacts(dir.resolve("cache"), () -> maven, DownloadProgress.none());

        assertThatThrownBy(() -> artifacts.mavenClasspath(List.of("org.example:missing:1.0")))
                .isInstanceOf(StackException.class)
                .hasMessageStartingWith("cannot fetch org.example:missing:1.0:jar: `" + maven + " -q -B -f ")
                .hasMessageEndingWith("failed with exit code 1: [ERROR] Could not find artifact org.example:missing:jar:1.0");
    }

    @Test
    void aClasspathWithoutTheArtifactItselfIsRefused() throws IOException {
        Path other = Files.writeString(dir.resolve("other-1.0.jar"), "jar");
        Path maven = fakeMaven("""
                for arg in "$@"; do case "$arg" in -Dmdep.outputFile=*) printf '%%s' '%s' > "${arg#-Dmdep.outputFile=}";; esac; done
                """.formatted(other));
        Artifacts artifacts = new Artifacts(dir.resolve("cache"), () -> maven, DownloadProgress.none());

        assertThatThrownBy(() -> artifacts.mavenClasspath("org.example:wanted:1.0"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("did not give org.example:wanted:1.0:jar itself");
    }

    @Test
    void reportsAFetchAsItGrowsOnDiskThenTheCachedArtifact() throws IOException {
        Path repository = dir.resolve("repository");
        Path folder = repository.resolve("org/example/big/1.0");
        // as Maven's resolver does: the download grows in a temporary file next to the final one
        Path maven = fakeMaven("""
                mkdir -p %1$s
                for i in 1 2 3 4 5; do head -c 100000 /dev/zero >> %1$s/big-1.0.jar.4711.tmp; sleep 0.3; done
                mv %1$s/big-1.0.jar.4711.tmp %1$s/big-1.0.jar
                for arg in "$@"; do case "$arg" in -Dmdep.outputFile=*) printf '%%s' '%1$s/big-1.0.jar' > "${arg#-Dmdep.outputFile=}";; esac; done
                """.formatted(folder));
        // in the local repository before: not fetched now, so not counted
        Files.createDirectories(folder);
        Files.write(folder.resolve("big-1.0.pom"), new byte[2_000_000]);
        List<Download> reports = new ArrayList<>();
        Artifacts artifacts = new Artifacts(dir.resolve("cache"), () -> maven, repository, reports::add);

        assertThat(artifacts.mavenFile("org.example:big:1.0")).isEqualTo(folder.resolve("big-1.0.jar"));

        assertThat(reports).extracting(Download::artifact).containsOnly("org.example:big:1.0:jar");
        assertThat(reports.getFirst().phase()).isEqualTo(Download.Phase.STARTED);
        Download finished = reports.getLast();
        assertThat(finished.phase()).isEqualTo(Download.Phase.FINISHED);
        assertThat(finished.bytes()).isEqualTo(500_000);
        assertThat(finished.fraction()).contains(1.0);
        assertThat(finished.elapsed()).isGreaterThan(Duration.ofMillis(1_000));
        List<Long> running = reports.stream().filter(report -> report.phase() == Download.Phase.RUNNING).map(Download::bytes).toList();
        assertThat(running).hasSizeGreaterThanOrEqualTo(2).isSorted().allMatch(bytes -> bytes <= 500_000).anyMatch(bytes -> bytes > 0 && bytes < 500_000);

        reports.clear();
        artifacts.mavenFile("org.example:big:1.0");
        assertThat(reports).singleElement().satisfies(report -> {
            assertThat(report.phase()).isEqualTo(Download.Phase.CACHED);
            assertThat(report.bytes()).isEqualTo(500_000);
        });
    }

    @Test
    void aFailedFetchIsReportedAsFailed() throws IOException {
        Path maven = fakeMaven("echo '[ERROR] no network' >&2; exit 1\n");
        List<Download> reports = new ArrayList<>();
        Artifacts artifacts = new Artifacts(dir.resolve("cache"), () -> maven, dir.resolve("repository"), reports::add);

        assertThatThrownBy(() -> artifacts.mavenClasspath("org.example:missing:1.0")).isInstanceOf(StackException.class);
        assertThat(reports).extracting(Download::phase).startsWith(Download.Phase.STARTED).endsWith(Download.Phase.FAILED);
    }

    private Path fakeMaven(String body) throws IOException {
        Path script = dir.resolve("mvn");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
