package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * What a {@link ServerKind} gets to start its server.
 *
 * @param dataDir {@code <runDir>/<server name>}, created and empty
 * @param artifacts fetches and caches the server's artifacts
 * @param launcher starts child processes, attached to this JVM or detached from it
 * @param started endpoints of the servers started before, by server name (trino reads s3's)
 * @param fixedPort the client port the user asked for; empty means choose free loopback ports
 * @param bucket the bucket the S3 store serves and the engines read
 * @param startTimeout how long the server may take to become healthy
 */
public record ServerContext(
        Path dataDir,
        Artifacts artifacts,
        ProcessLauncher launcher,
        Map<String, Map<String, String>> started,
        OptionalInt fixedPort,
        String bucket,
        Duration startTimeout) {
    public ServerContext {
        requireNonNull(dataDir, "dataDir");
        requireNonNull(artifacts, "artifacts");
        requireNonNull(launcher, "launcher");
        started = Map.copyOf(started);
        requireNonNull(fixedPort, "fixedPort");
        requireNonNull(bucket, "bucket");
        requireNonNull(startTimeout, "startTimeout");
    }

    /** The log file of one of the server's processes, e.g. {@code logFile("kafka")}. */
    public Path logFile(String process) {
        return dataDir.resolve(process + ".log");
    }

    /**
     * The start of a JVM server's command line: the stack's {@code java} and the options of the program's
     * {@linkplain ClassDataArchive class-data archive} under the cache dir. Only for a classpath of jars: the JVM cannot
     * write an archive of classes loaded from a directory, and then exits with 1.
     *
     * @param program the program and its version, e.g. {@code trino-476}
     */
    public List<String> java(String program) {
        List<String> command = new ArrayList<>();
        command.add(launcher.java().toString());
        command.addAll(ClassDataArchive.of(artifacts.cacheDir(), program).jvmOptions());
        return command;
    }

    /** Endpoints of a server started before this one (declared in {@link ServerKind#requires()}). */
    public Map<String, String> endpointsOf(String server) {
        Map<String, String> endpoints = started.get(server);
        if (endpoints == null) {
            throw new StackException("server " + server + " is not started; it must start before this one");
        }
        return endpoints;
    }
}
