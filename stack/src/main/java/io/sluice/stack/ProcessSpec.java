package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child process to start.
 *
 * @param name short name used in messages (e.g. {@code kafka})
 * @param command program and arguments; never put secrets here (they show in {@code ps}), use {@code environment}
 * @param workDir working directory
 * @param environment variables added to this JVM's environment
 * @param logFile stdout and stderr are appended here
 */
public record ProcessSpec(String name, List<String> command, Path workDir, Map<String, String> environment, Path logFile) {
    public ProcessSpec {
        requireNonNull(name, "name");
        command = List.copyOf(command);
        requireNonNull(workDir, "workDir");
        environment = Map.copyOf(environment);
        requireNonNull(logFile, "logFile");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("command of " + name + " is empty");
        }
    }

    public ProcessSpec(String name, List<String> command, Path workDir, Path logFile) {
        this(name, command, workDir, Map.of(), logFile);
    }
}
