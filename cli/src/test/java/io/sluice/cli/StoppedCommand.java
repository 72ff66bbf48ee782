package io.sluice.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * A command with a {@link StopHook}, in a process of its own: it says "installed", then, with the argument
 * {@code wait}, waits until it is stopped (or its standard input closes), and otherwise finishes at once.
 */
public final class StopHookHolder {
    private StopHookHolder() {}

    public static void main(String[] args) throws IOException {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        try (StopHook _ = StopHook.install(err, () -> System.out.println("undone"), "stopped early; go on with the same command")) {
            System.out.println("installed");
            System.out.flush();
            if (args[0].equals("wait")) {
                System.in.transferTo(OutputStream.nullOutputStream());
            }
        }
        System.out.println("finished");
    }
}
