package io.sluice.queryrunner.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SparkHomeTest
{
    @Test
    void sparkSubmitPassesTheDriversTemporaryFolderAsOneArgumentAndNothingWithoutIt(@TempDir Path home, @TempDir Path javaHome)
            throws Exception
    {
        // a "java" that prints the arguments it was given, one per line
        Path java = Files.createDirectories(javaHome.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor argument in \"$@\"; do printf '%s\\n' \"$argument\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        SparkHome.layOut(home, List.of(), javaHome);

        List<String> withFolder = submit(home, Map.of(SparkHome.DRIVER_TMPDIR_ENV, "/scratch/a session/tmp", "SPARK_DRIVER_MEMORY", "768m"));
        assertThat(withFolder).contains("-Djava.io.tmpdir=/scratch/a session/tmp", "-Xmx768m")
                .endsWith("org.apache.spark.deploy.SparkSubmit", "--class", "Main", "app.jar");

        List<String> without = submit(home, Map.of());
        assertThat(without).noneMatch(argument -> argument.startsWith("-Djava.io.tmpdir")).doesNotContain("").contains("-Xmx1g")
                .endsWith("org.apache.spark.deploy.SparkSubmit", "--class", "Main", "app.jar");
    }

    private static List<String> submit(Path home, Map<String, String> environment)
            throws IOException, InterruptedException
    {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/spark-submit").toString(), "--class", "Main", "app.jar").redirectErrorStream(true);
        builder.environment().remove(SparkHome.DRIVER_TMPDIR_ENV);
        builder.environment().remove("SPARK_DRIVER_MEMORY");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
