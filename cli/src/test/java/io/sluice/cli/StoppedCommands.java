package io.sluice.cli;

import io.sluice.stack.junit.ChildJvm;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** Starts {@link StoppedCommand}s for a test, and kills any left after it. */
final class StoppedCommands implements AfterEachCallback {
    private final List<Process> started = new ArrayList<>();

    /** Starts the command in a JVM of its own and returns once it said "started". */
    Process launch(String... args) throws IOException {
        return launch(Map.of(), args);
    }

    /** Starts the command as {@link #launch(String...)} does, with these variables added to its environment. */
    Process launch(Map<String, String> environment, String... args) throws IOException {
        requireNonNull(environment, "environment is null");
        Path tmp = Files.createDirectories(Path.of("target", "stopped-commands"));
        List<String> command = ChildJvm.command(List.of(ChildJvm.tmpDir(tmp)), StoppedCommand.class, args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
        started.add(process);
        String first = process.inputReader(StandardCharsets.UTF_8).readLine();
        if (!"started".equals(first)) {
            throw new IllegalStateException("%s did not start: it said %s; %s".formatted(command, first, new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)));
        }
        return process;
    }

    /**
     * SIGTERM, as from Kubernetes or kill (Ctrl-C's SIGINT runs the same hooks); {@code Process.destroy} would also
     * close our ends of its pipes.
     */
    static void terminate(Process process) {
        process.toHandle().destroy();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(Process::destroyForcibly);
    }
}
