package io.sluice.cli;

import java.io.PrintWriter;

import static java.util.Objects.requireNonNull;

/**
 * What a long command does when Ctrl-C or SIGTERM stops it: the JVM then ends without unwinding the command, so its
 * {@code close} methods do not run. The hook first undoes what must not outlive the command, then tells the user
 * what is left and how to go on. A command that ends by itself, well or with an error, closes the hook first, and
 * then it does nothing.
 */
final class StopHook implements AutoCloseable {
    private final Thread hook;

    private StopHook(Thread hook) {
        this.hook = hook;
    }

    static StopHook install(PrintWriter err, Runnable undo, String message) {
        requireNonNull(err, "err is null");
        requireNonNull(undo, "undo is null");
        requireNonNull(message, "message is null");
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            try {
                undo.run();
            } finally {
                // a new line first: a progress bar may hold the terminal's current one
                err.println();
                err.println(message);
                err.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopHook(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is stopping already, so the hook runs
        }
    }
}
