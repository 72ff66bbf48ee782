package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process of the stack and its process group. {@link #pid()} is also the group id: stopping the
 * child stops everything it forked.
 */
public final class ChildProcess {
    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final String name;
    private final long pid;
    private final Instant startedAt;
    private final Path logFile;
    private final Optional<Process> process;
    private final Optional<ProcessSpec> spec;

    ChildProcess(ProcessSpec spec, Process process) {
        this.name = spec.name();
        this.pid = process.pid();
        this.startedAt = process.info().startInstant().orElseGet(Instant::now);
        this.logFile = spec.logFile();
        this.process = Optional.of(process);
        this.spec = Optional.of(spec);
    }

    private ChildProcess(String name, long pid, Instant startedAt, Path logFile, Optional<ProcessSpec> spec) {
        this.name = requireNonNull(name, "name");
        this.pid = pid;
        this.startedAt = requireNonNull(startedAt, "startedAt");
        this.logFile = requireNonNull(logFile, "logFile");
        this.process = Optional.empty();
        this.spec = requireNonNull(spec, "spec");
    }

    /**
     * A child started earlier, maybe by another JVM ({@code sluice up}), known by what was recorded of it.
     * The start instant guards against a recycled pid. With the spec it was started from, it can be started again.
     */
    public static ChildProcess reattach(String name, long pid, Instant startedAt, Path logFile, Optional<ProcessSpec> spec) {
        if (pid <= 1) {
            throw new IllegalArgumentException("pid must be > 1: " + pid);
        }
        return new ChildProcess(name, pid, startedAt, logFile, spec);
    }

    public String name() {
        return name;
    }

    /** The pid of the child's group leader, which is also its process group id. */
    public long pid() {
        return pid;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Path logFile() {
        return logFile;
    }

    /** How the child was started, to start it again; empty for a child {@linkplain #reattach reattached} from a record without it. */
    public Optional<ProcessSpec> spec() {
        return spec;
    }

    /** Whether the group leader still runs (and is the process recorded, not a recycled pid). */
    public boolean isAlive() {
        if (process.isPresent()) {
            return process.get().isAlive();
        }
        return leader().isPresent();
    }

    /** The exit code if the child was started by this JVM and has exited. */
    public OptionalInt exitCode() {
        return process.filter(p -> !p.isAlive()).map(p -> OptionalInt.of(p.exitValue())).orElse(OptionalInt.empty());
    }

    /** Waits for the child to exit; true if it did within the timeout. */
    public boolean waitFor(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (process.isPresent()) {
                return process.get().waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            }
            while (isAlive()) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(100);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for " + name, e);
        }
    }

    /** The last lines of the child's log (stdout and stderr). */
    public String logTail(int lines) {
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be >= 1: " + lines);
        }
        return LogTail.of(logFile, lines);
    }

    /**
     * Stops the child's whole process group: SIGTERM to every member, up to {@code grace} for them to exit,
     * then SIGKILL. Returns once no member is left.
     */
    public void stop(Duration grace) {
        requireNonNull(grace, "grace");
        if (!ownGroupLive()) {
            reap();
            return;
        }
        Set<Long> signalled = new HashSet<>();
        signalGroup(false, signalled);
        // a paused server (a fault run's pause, cut short) would act on SIGTERM only after the grace, when SIGKILL comes
        if (ProcessGroup.anyStopped(pid)) {
            try {
                ProcessSignals.signalGroup(pid, "CONT");
            } catch (IllegalStateException e) {
                // the group went meanwhile, or kill failed: SIGKILL after the grace still ends it
                log.warn("cannot resume {} (process group {}) to stop it: {}", name, pid, e.getMessage());
            }
        }
        if (!awaitGroupGone(grace, signalled)) {
            signalGroup(true, signalled);
            if (!awaitGroupGone(KILL_WAIT, signalled)) {
                throw new StackException("cannot stop " + name + " (process group " + pid + "); kill it by hand: kill -9 -" + pid);
            }
        }
        reap();
    }

    private void reap() {
        process.ifPresent(p -> {
            try {
                p.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private Optional<ProcessHandle> leader() {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().startInstant().map(this::sameStart).orElse(true));
    }

    private boolean sameStart(Instant instant) {
        // /proc start times have clock-tick resolution; allow for it
        return Duration.between(instant, startedAt).abs().compareTo(Duration.ofSeconds(1)) <= 0;
    }

    /**
     * Whether the group still has members that are ours: with the leader alive it must be the recorded one;
     * with the leader gone, members left in its group were forked by it (a group id is not reused while
     * the group has members), unless the record is older than the machine or container: after a restart the
     * group id may be another program's.
     */
    private boolean ownGroupLive() {
        if (pid == ProcessGroup.groupOf(ProcessHandle.current().pid()).orElse(-1)) {
            throw new IllegalStateException("refusing to signal this JVM's own process group " + pid);
        }
        if (startedAt.isBefore(systemStart())) {
            return false;
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isPresent() && leader().isEmpty()) {
            return false; // recycled pid: not ours
        }
        return !ProcessGroup.members(pid).isEmpty();
    }

    /** When init (pid 1) started: the machine's boot, or the container's start; nothing older runs. */
    private static Instant systemStart() {
        return ProcessHandle.of(1).flatMap(init -> init.info().startInstant()).orElse(Instant.MIN);
    }

    private void signalGroup(boolean kill, Set<Long> signalled) {
        for (ProcessHandle member : ProcessGroup.members(pid)) {
            signalled.add(member.pid());
            if (kill) {
                member.destroyForcibly();
            } else {
                member.destroy();
            }
        }
    }

    /** Waits for the group to empty; members forked after the first signal get SIGTERM too. */
    private boolean awaitGroupGone(Duration timeout, Set<Long> signalled) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                List<ProcessHandle> members = ProcessGroup.members(pid);
                if (members.isEmpty()) {
                    return true;
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                members.stream().filter(member -> signalled.add(member.pid())).forEach(ProcessHandle::destroy);
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while stopping " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + "[pid " + pid + "]";
    }
}
