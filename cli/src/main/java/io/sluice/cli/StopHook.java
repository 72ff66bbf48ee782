package io.sluice.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * What a long command does when Ctrl-C or SIGTERM stops it: the JVM then ends without unwinding the command, so its
 * {@code close} methods do not run. The hook first undoes what must not outlive the command, then tells the user
 * what is left and how to go on; or it asks the command to stop and lets it unwind ({@link #stopping}). A command
 * that ends by itself, well or with an error, closes the hook first, and then it does nothing.
 */
final class StopHook implements AutoCloseable {
    private final Thread hook;
    private final CountDownLatch closed;

    private StopHook(Thread hook, CountDownLatch closed) {
        this.hook = hook;
        this.closed = closed;
    }

    /**
     * @param undoing what {@code undo} does, said before it starts: undoing can wait for Kafka for a while
     * @param message what is left and how to go on, said once {@code undo} is done
     */
    static StopHook install(PrintWriter err, String undoing, Runnable undo, String message) {
        requireNonNull(err, "err is null");
        requireNonNull(undoing, "undoing is null");
        requireNonNull(undo, "undo is null");
        requireNonNull(message, "message is null");
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            // a new line first: a progress bar may hold the terminal's current one
            err.println();
            err.println(undoing);
            err.flush();
            try {
                undo.run();
            } finally {
                err.println(message);
                err.flush();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopHook(hook, new CountDownLatch(1));
    }

    /**
     * A hook for a command that can stop cleanly: it calls {@code stop}, then holds the JVM until the command has
     * unwound and closed this hook, at most for {@code grace}. The command says itself what it left.
     */
    static StopHook stopping(Runnable stop, Duration grace) {
        requireNonNull(stop, "stop is null");
        requireNonNull(grace, "grace is null");
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = Thread.ofPlatform().unstarted(() -> {
            stop.run();
            try {
                closed.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        return new StopHook(hook, closed);
    }

    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is stopping already, so the hook runs
        }
    }
}
