package io.sluice.cli;

import io.sluice.stack.StackSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Where the local stack keeps its state, data and logs; shared by every command that touches the stack. */
final class RunDirOption {
    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Run directory of the local stack (state, data, logs). Default: $SLUICE_HOME, else ./.sluice")
    private Path runDir;

    Path runDir() {
        return Optional.ofNullable(runDir).orElseGet(StackSettings::defaultRunDir).toAbsolutePath().normalize();
    }
}
