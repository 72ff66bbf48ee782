package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        Artifacts artifacts = new Artifacts(dir.resolve("cache"), () -> maven);

        assertThat(artifacts.mavenFile("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies")).isEqualTo(jar);
        assertThat(artifacts.mavenFile("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies")).isEqualTo(jar);
        assertThat(new Artifacts(dir.resolve("cache"), () -> {
            throw new AssertionError("Maven looked up although the artifact is cached");
        }).mavenFile("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies")).isEqualTo(jar);

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
        Artifacts artifacts = new Artifacts(dir.resolve("cache"), () -> maven);

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
        Artifacts artifacts = new Artifacts(dir.resolve("cache"), () -> maven);

        assertThatThrownBy(() -> artifacts.mavenClasspath("org.example:wanted:1.0"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("did not give org.example:wanted:1.0:jar itself");
    }

    private Path fakeMaven(String body) throws IOException {
        Path script = dir.resolve("mvn");
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
