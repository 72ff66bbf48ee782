package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the stack's child processes, each in its own session and process group ({@code setsid}) with
 * stdout and stderr appended to its log file and stdin from {@code /dev/null}.
 *
 * <p>{@link Mode#ATTACHED} children die with this JVM, even when it is killed with SIGKILL: each runs under
 * a small shell watchdog that polls its own parent pid and stops the group once this JVM is gone.
 * {@link Mode#DETACHED} children outlive this JVM ({@code sluice up}); they are stopped by pid later.
 */
public final class ProcessLauncher {
    private static final Logger log = LoggerFactory.getLogger(ProcessLauncher.class);

    public enum Mode {
        ATTACHED,
        DETACHED
    }

    /** Seconds the watchdog gives a child to stop on SIGTERM after this JVM died, before SIGKILL. */
    private static final int WATCHDOG_GRACE_SECONDS = 10;

    /*
     * $1 = pid of this JVM, $2 = grace seconds, the rest = the command. The shell leads the group and ignores
     * SIGTERM (set after forking the child, so the child keeps the default): stopping the group leaves it to
     * reap the child and exit with its status. A poller notices this JVM's death by the shell being
     * re-parented, which happens at death (a dead but unreaped JVM would still answer kill -0); it then
     * stops the whole group, grandchildren included, and the shell waits for it to finish the job.
     * (/bin/sh may be dash, whose kill takes "-SIGNAL -PGID" but refuses "--" and "-s SIGNAL -PGID".)
     */
    private static final String WATCHDOG = """
            parent=$1; grace=$2; shift 2
            parent_alive() { read -r _ _ _ ppid _ < /proc/$$/stat && [ "$ppid" = "$parent" ]; }
            "$@" &
            child=$!
            trap '' TERM INT HUP
            (
              while parent_alive; do sleep 0.5; done
              kill -TERM -$$ 2>/dev/null
              i=0
              while kill -0 "$child" 2>/dev/null && [ "$i" -lt $((grace * 2)) ]; do sleep 0.5; i=$((i + 1)); done
              kill -KILL -$$
            ) &
            poller=$!
            wait "$child"
            status=$?
            if parent_alive; then
              kill -KILL "$poller" 2>/dev/null
              exit "$status"
            fi
            wait "$poller"
            """;

    private final Mode mode;
    /** Detached children this launcher started, which outlive this JVM unless someone stops them. */
    private final Set<ChildProcess> detachedChildren = ConcurrentHashMap.newKeySet();
    private final Consumer<ChildProcess> onDetachedStart;

    private ProcessLauncher(Mode mode, Consumer<ChildProcess> onDetachedStart) {
        this.mode = requireNonNull(mode, "mode");
        this.onDetachedStart = requireNonNull(onDetachedStart, "onDetachedStart");
    }

    /** Children die with this JVM. */
    public static ProcessLauncher attached() {
        return new ProcessLauncher(Mode.ATTACHED, _ -> {});
    }

    /**
     * Children outlive this JVM; {@code onStart} hears of each as soon as it runs, before anyone waits for it, so that
     * it can be recorded where another JVM finds it should this one be killed meanwhile.
     */
    public static ProcessLauncher detached(Consumer<ChildProcess> onStart) {
        return new ProcessLauncher(Mode.DETACHED, onStart);
    }

    public Mode mode() {
        return mode;
    }

    public ChildProcess start(ProcessSpec spec) {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        if (mode == Mode.ATTACHED) {
            command.addAll(List.of("sh", "-c", WATCHDOG, "sluice-watchdog",
                    Long.toString(ProcessHandle.current().pid()), Integer.toString(WATCHDOG_GRACE_SECONDS)));
        }
        command.addAll(spec.command());
        try {
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(spec.workDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectErrorStream(true);
            builder.environment().putAll(spec.environment());
            Process process = builder.start();
            ChildProcess child = new ChildProcess(spec, process);
            if (mode == Mode.DETACHED) {
                detachedChildren.add(child);
            }
            requireOwnGroup(child, process);
            if (mode == Mode.DETACHED) {
                onDetachedStart.accept(child);
            }
            return child;
        } catch (IOException e) {
            throw new StackException("cannot start %s (%s): %s; is it installed?"
                    .formatted(spec.name(), spec.command().getFirst(), e.getMessage()), e);
        }
    }

    /**
     * Stops the detached children this launcher started whose pid is not in {@code keep}, each given {@code grace}
     * to exit on SIGTERM. Those already stopped are skipped.
     */
    public void stopStartedExcept(Set<Long> keep, Duration grace) {
        requireNonNull(keep, "keep");
        requireNonNull(grace, "grace");
        for (ChildProcess child : detachedChildren) {
            if (!keep.contains(child.pid()) && child.isAlive()) {
                log.warn("stopping {} (pid {}): this JVM is exiting before the server was recorded", child.name(), child.pid());
                try {
                    child.stop(grace);
                } catch (StackException e) {
                    log.warn(e.getMessage());
                }
            }
        }
    }

    /**
     * Runs a command to completion (e.g. a storage format step), attached to this JVM whatever the mode.
     *
     * @throws StackException if it fails or does not finish in time, with the last line of its log
     */
    public void run(ProcessSpec spec, Duration timeout) {
        ChildProcess child = attached().start(spec);
        if (!child.waitFor(timeout)) {
            child.stop(Duration.ofSeconds(2));
            throw new StackException("%s did not finish within %ds; see %s".formatted(spec.name(), timeout.toSeconds(), spec.logFile()));
        }
        int exit = child.exitCode().orElseThrow();
        if (exit != 0) {
            throw new StackException("%s failed with exit code %d: %s (log: %s)"
                    .formatted(spec.name(), exit, child.logTail(1).strip(), spec.logFile()));
        }
    }

    /**
     * The JDK 25+ that runs child JVMs: this JVM's if it is 25 or newer, else {@code JAVA_HOME}, else
     * one under {@code /usr/lib/jvm}.
     */
    public Path javaHome() {
        if (Runtime.version().feature() >= 25) {
            return Path.of(System.getProperty("java.home"));
        }
        Optional<Path> fromEnv = Optional.ofNullable(System.getenv("JAVA_HOME")).map(Path::of).filter(ProcessLauncher::isJdk25);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            return jvms.filter(ProcessLauncher::isJdk25).sorted().findFirst().orElseThrow(ProcessLauncher::noJdk);
        } catch (IOException e) {
            throw noJdk();
        }
    }

    /** The {@code java} executable of {@link #javaHome()}. */
    public Path java() {
        return javaHome().resolve("bin").resolve("java");
    }

    private static StackException noJdk() {
        return new StackException("the local stack needs JDK 25 or newer to run its servers; none found: set JAVA_HOME to a JDK 25+");
    }

    private static boolean isJdk25(Path home) {
        Path release = home.resolve("release");
        if (!Files.isExecutable(home.resolve("bin/java")) || !Files.isRegularFile(release)) {
            return false;
        }
        try {
            return Files.readAllLines(release).stream()
                    .filter(line -> line.startsWith("JAVA_VERSION="))
                    .map(line -> line.substring("JAVA_VERSION=".length()).replace("\"", ""))
                    .map(version -> version.split("[.+-]")[0])
                    .anyMatch(feature -> feature.chars().allMatch(Character::isDigit) && Integer.parseInt(feature) >= 25);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * setsid execs in place only when its caller is not a group leader; check we got what we rely on. It
     * runs just after {@code start} returns, so give it a moment.
     */
    private static void requireOwnGroup(ChildProcess child, Process process) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            var pgid = ProcessGroup.groupOf(process.pid());
            if (pgid.isEmpty() || pgid.getAsLong() == process.pid()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new StackException("child %s (pid %d) does not lead its own process group (%d); setsid misbehaves here"
                        .formatted(child.name(), process.pid(), pgid.getAsLong()));
            }
            Thread.onSpinWait();
        }
    }
}
