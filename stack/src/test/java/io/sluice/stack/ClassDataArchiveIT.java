package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveIT {
    // the JVM archives classes from jars only
    @TempDir
    private static Path probeDir;
    private static Path probeJar;

    @BeforeAll
    static void packProbe() throws IOException {
        probeJar = probeDir.resolve("probe.jar");
        String entry = Probe.class.getName().replace('.', '/') + ".class";
        try (InputStream in = Probe.class.getClassLoader().getResourceAsStream(entry);
                JarOutputStream jar = new JarOutputStream(Files.newOutputStream(probeJar))) {
            jar.putNextEntry(new JarEntry(entry));
            in.transferTo(jar);
            jar.closeEntry();
        }
    }

    @Test
    void theFirstExitWritesTheArchiveAndTheNextStartMapsIt(@TempDir Path cache) throws Exception {
        ClassDataArchive archive = ClassDataArchive.of(cache, "probe-1");

        assertThat(run(archive.jvmOptions())).isZero();
        assertThat(archive.file()).isNotEmptyFile();
        assertThat(Arrays.copyOf(Files.readAllBytes(archive.file()), 8)).as("the header, written last").isNotEqualTo(new byte[8]);
        assertThat(mapsTheArchive(archive)).isTrue();
    }

    @Test
    void anArchiveCutOffWhileBeingWrittenIsWrittenAgain(@TempDir Path cache) throws Exception {
        ClassDataArchive archive = ClassDataArchive.of(cache, "probe-1");
        Files.createDirectories(archive.file().getParent());
        // what a writer killed before its header leaves
        Files.write(archive.file(), new byte[64 * 1024]);

        assertThat(run(archive.jvmOptions())).isZero();
        assertThat(mapsTheArchive(archive)).isTrue();
    }

    @Test
    void aProgramNameMustBeAFileName(@TempDir Path cache) {
        assertThatThrownBy(() -> ClassDataArchive.of(cache, "../kafka"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("../kafka");
    }

    /** With {@code -Xshare:on} the JVM refuses to start when it cannot map the archive. */
    private static boolean mapsTheArchive(ClassDataArchive archive) throws IOException, InterruptedException {
        List<String> options = new ArrayList<>(archive.jvmOptions());
        options.add("-Xshare:on");
        return run(options) == 0;
    }

    private static int run(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", probeJar.toString(), Probe.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the probe JVM did not end within a minute: " + command);
        }
        return process.exitValue();
    }

    /** A program for the archive to hold. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println(List.of(args).size());
        }
    }
}
