package io.sluice.cli;

import io.sluice.ops.MetricsSettings;
import io.sluice.ops.OpsEndpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * A command in a process of its own, for tests that stop it with a signal. It says "started" once it is ready for
 * the signal. The first argument picks the command:
 * <ul>
 *   <li>{@code hook}: a command with a {@link StopHook}; with the second argument {@code wait}, it waits until it is
 *   stopped (or its standard input closes), and otherwise finishes at once;</li>
 *   <li>{@code service}: a service run by {@link ServiceLifetime} that takes a while to close, as a Kafka consumer's
 *   leaving its group does; with the second argument {@code fail}, it stops by itself soon after it started;</li>
 *   <li>{@code lock RUN_DIR COMMAND SUBJECT}: holds a {@link RunLock} as another {@code sluice run} or {@code bench}
 *   would, until it is killed (or its standard input closes);</li>
 *   <li>{@code cli ARGS…}: the {@code sluice} command with these arguments, as a user runs it.</li>
 * </ul>
 * What the command would print as its error goes to standard error as {@code error: <message>}. Tests start it
 * with {@link StoppedCommands}.
 */
public final class StoppedCommand {
    private StoppedCommand() {}

    public static void main(String[] args) throws Exception {
        try {
            switch (args[0]) {
                case "hook" -> hook(args[1].equals("wait"));
                case "service" -> service(args[1].equals("fail"));
                case "lock" -> lock(Path.of(args[1]), args[2], args[3]);
                case "cli" -> cli(Arrays.copyOfRange(args, 1, args.length));
                default -> throw new IllegalArgumentException("no command " + args[0]);
            }
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
        }
    }

    private static void hook(boolean waitForStop) throws IOException {
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        try (StopHook _ = StopHook.install(err, "stopping: undoing", () -> err.println("undone"), "stopped early; go on with the same command")) {
            started();
            if (waitForStop) {
                System.in.transferTo(OutputStream.nullOutputStream());
            }
        }
        System.out.println("finished");
    }

    private static void service(boolean failSoon) throws InterruptedException {
        ServiceLifetime.runUntilStopped("test service", OpsEndpoint.start(MetricsSettings.off()), _ -> {
            SlowService service = new SlowService(failSoon ? System.nanoTime() + Duration.ofMillis(500).toNanos() : Long.MAX_VALUE);
            started();
            return service;
        }, service -> ServiceLifetime.stoppedBecause(service.isRunning(), service.failure()));
    }

    private static void lock(Path runDir, String command, String subject) throws IOException {
        try (RunLock _ = RunLock.acquire(runDir, command, subject)) {
            started();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void cli(String[] args) {
        started();
        SluiceCommand.commandLine().execute(args);
    }

    private static void started() {
        System.out.println("started");
        System.out.flush();
    }

    private static final class SlowService implements AutoCloseable {
        private final long failsAt;
        private volatile boolean closed;

        SlowService(long failsAt) {
            this.failsAt = failsAt;
        }

        boolean isRunning() {
            return !closed && System.nanoTime() < failsAt;
        }

        Optional<Throwable> failure() {
            return closed ? Optional.empty() : Optional.of(new IllegalStateException("its disk is full"));
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            // longer than ServiceLifetime's check interval, so the check sees the service stopped while it closes
            Thread.sleep(2_500);
            System.out.println("closed");
        }
    }
}
