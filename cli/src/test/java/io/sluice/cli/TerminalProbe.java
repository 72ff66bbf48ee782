package io.sluice.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes whether {@link ProgressBar} takes standard error for a terminal into the file named by its argument. */
public final class TerminalProbe {
    private TerminalProbe() {}

    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[0]), String.valueOf(ProgressBar.isTerminal()));
    }
}
