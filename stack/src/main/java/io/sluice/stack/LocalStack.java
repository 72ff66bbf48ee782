package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack: real servers as child processes on loopback, with data under a run directory
 * ({@code <runDir>/<server>}, emptied when the server starts, kept when it {@linkplain #restart restarts}).
 *
 * <p>Two lifecycles: {@link #startAttached} for tests (children die with this JVM; {@link #close()} stops
 * them), and {@link #up}/{@link #down} for the CLI (children outlive the JVM; their pids and endpoints are
 * kept in {@code <runDir>/stack.json}).
 */
public final class LocalStack implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int FAILURE_LOG_LINES = 15;

    private final StackSettings settings;
    private final ProcessLauncher launcher;
    private final Artifacts artifacts;
    private final boolean recordState;
    private final Map<String, RunningServer> running = new LinkedHashMap<>();
    /**
     * Detached servers launched but not started yet (not healthy). They are in {@code stack.json} too, without
     * endpoints, so that {@code down} or the next {@code up} stops them should this JVM be killed (SIGKILL runs no
     * shutdown hook) while it waits for them.
     */
    private final Map<Long, ChildProcess> launching = new LinkedHashMap<>();
    /** The pids of the started servers in {@code stack.json}, for a shutdown hook that must not wait for this object's lock. */
    private volatile Set<Long> recordedPids = Set.of();

    /**
     * @param recordState whether the servers are detached and recorded in the run dir ({@code up}, {@code attach}),
     *     or children of this JVM that no other JVM needs to know
     */
    private LocalStack(StackSettings settings, Artifacts artifacts, boolean recordState) {
        this.settings = requireNonNull(settings, "settings");
        this.artifacts = requireNonNull(artifacts, "artifacts");
        this.recordState = recordState;
        this.launcher = recordState ? ProcessLauncher.detached(this::launched) : ProcessLauncher.attached();
    }

    /** Starts the settings' servers as children of this JVM: they die with it, and {@link #close()} stops them. */
    public static LocalStack startAttached(StackSettings settings) {
        LocalStack stack = new LocalStack(settings, Artifacts.fromEnvironment(), false);
        stack.ensureStarted(settings.servers());
        return stack;
    }

    /**
     * Starts the settings' servers detached from this JVM ({@code sluice up}) and records them in the run dir.
     * If a healthy stack already runs there, returns its status, after starting any requested server it lacks; the
     * servers of an unhealthy one that are down start again on their data, or, if one cannot, it is stopped and an
     * empty stack starts.
     */
    public static StackStatus up(StackSettings settings) {
        return up(settings, DownloadProgress.none());
    }

    /** As {@link #up(StackSettings)}, telling {@code downloads} how fetching the servers' artifacts goes. */
    public static StackStatus up(StackSettings settings, DownloadProgress downloads) {
        return underRunDirLock(settings.runDir(), () -> {
            LocalStack stack = new LocalStack(settings, Artifacts.fromEnvironment(downloads), true);
            Optional<StackState> previous = StackState.read(settings.runDir());
            if (previous.isPresent()) {
                List<RunningServer> servers = previous.get().reattach();
                // nothing left is an up stopped before its first server started
                if (!servers.isEmpty() && servers.stream().allMatch(LocalStack::healthy)) {
                    previous.get().unmetRequirement().ifPresent(unmet -> {
                        throw new StackException(("the stack in %s was started by an older sluice (%s, which it now requires); "
                                + "stop it with `sluice down` and start it again with `sluice up` (its servers start on empty data)").formatted(settings.runDir(), unmet));
                    });
                    servers.forEach(server -> stack.running.put(server.name(), server));
                    log.info("a healthy stack already runs in {}", settings.runDir());
                } else if (!stack.broughtBack(previous.get(), servers)) {
                    log.info("stopping what is left of an unhealthy stack in {}", settings.runDir());
                    stopAll(servers);
                    StackState.delete(settings.runDir());
                }
            }
            return stack.stoppingUnrecordedOnExit(() -> stack.ensureStarted(settings.servers()));
        });
    }

    /**
     * Runs {@code start} so that if this JVM ends during it (Ctrl-C while a server is starting), the servers it
     * launched but had not recorded yet are stopped on the way out: they are detached, and with no record
     * {@code sluice down} would not know them, so they would hold their memory, CPU and ports until stopped by
     * hand. A JVM killed with SIGKILL runs no hook; that case is left to the user.
     */
    private StackStatus stoppingUnrecordedOnExit(Supplier<StackStatus> start) {
        Thread guard = Thread.ofPlatform().name("sluice-stop-unrecorded").unstarted(() -> launcher.stopStartedExcept(recordedPids, STOP_GRACE));
        Runtime.getRuntime().addShutdownHook(guard);
        try {
            return start.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(guard);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it stopped what was not recorded
            }
        }
    }

    /**
     * Restarts the servers of a recorded stack that are not healthy (one crashed, the machine restarted, one was left
     * paused) on their data, ports and credentials, as a fault run's {@link #restart} does, so that the datasets it
     * holds are not lost. Returns false, with what it launched stopped again, when that cannot be done: nothing is
     * left, a server was recorded without its endpoints or start command, or one does not come back. The caller then
     * stops the recorded servers and starts an empty stack.
     */
    private synchronized boolean broughtBack(StackState previous, List<RunningServer> servers) {
        boolean restartable = !servers.isEmpty()
                && previous.unmetRequirement().isEmpty()
                && servers.stream().allMatch(server -> !server.endpoints().isEmpty() && server.process().spec().isPresent());
        if (!restartable) {
            return false;
        }
        servers.forEach(server -> running.put(server.name(), server));
        List<String> down = servers.stream().filter(server -> !healthy(server)).map(RunningServer::name).toList();
        log.info("bringing back {} of the stack in {} on their data", String.join(", ", down), settings.runDir());
        try {
            down.forEach(this::restart);
            return true;
        } catch (RuntimeException e) {
            log.warn("{}; the stack starts again, empty", e.getMessage());
            // a restart replaced the recorded server in running: those are the launches to stop here
            stopAll(down.stream().map(running::get).filter(server -> !servers.contains(server)).toList());
            running.clear();
            return false;
        }
    }

    /**
     * The stack {@code up} recorded in the settings' run dir, to {@linkplain #stop stop} and {@linkplain #restart
     * restart} its servers from this JVM (fault runs); empty if none is recorded. Closing it leaves the servers running.
     */
    public static Optional<LocalStack> attach(StackSettings settings) {
        return StackState.read(settings.runDir()).map(state -> {
            LocalStack stack = new LocalStack(settings, Artifacts.fromEnvironment(), true);
            state.reattach().forEach(server -> stack.running.put(server.name(), server));
            return stack;
        });
    }

    /** The stack {@code up} recorded in the run dir, probed now; empty if none is recorded. */
    public static Optional<StackStatus> status(Path runDir) {
        Path dir = runDir.toAbsolutePath().normalize();
        return StackState.read(dir)
                .map(StackState::reattach)
                .filter(servers -> !servers.isEmpty())
                .map(servers -> statusOf(dir, servers));
    }

    /**
     * The servers recorded in the run dir whose process has ended (killed, crashed), with the log of each; the
     * others are not probed, so a run can ask every few seconds.
     */
    public static Map<String, Path> stoppedServers(Path runDir) {
        Map<String, Path> stopped = new TreeMap<>();
        StackState.read(runDir.toAbsolutePath().normalize()).map(StackState::reattach).orElse(List.of()).stream()
                .filter(server -> !server.process().isAlive())
                .forEach(server -> stopped.put(server.name(), server.process().logFile()));
        return stopped;
    }

    /**
     * Stops every process {@code up} started in the run dir (whole process groups) and removes the state.
     *
     * @return false if no stack was recorded there
     */
    public static boolean down(Path runDir) {
        Path dir = runDir.toAbsolutePath().normalize();
        if (StackState.read(dir).isEmpty()) {
            return false;
        }
        return underRunDirLock(dir, () -> {
            Optional<StackState> state = StackState.read(dir);
            if (state.isEmpty()) {
                return false;
            }
            stopAll(state.get().reattach());
            StackState.delete(dir);
            return true;
        });
    }

    /**
     * Starts the given servers (and those they require) that do not run yet, in {@link ServerKinds} order.
     * If one fails, the ones this call started are stopped.
     */
    public synchronized StackStatus ensureStarted(Collection<String> servers) {
        List<ServerKind> missing = ServerKinds.withRequirements(servers).stream().filter(kind -> !running.containsKey(kind.name())).toList();
        for (ServerKind kind : missing) {
            fixedPort(kind).ifPresent(port -> Ports.requireFree(port, kind.name()));
        }
        List<RunningServer> startedNow = new ArrayList<>();
        for (ServerKind kind : missing) {
            try {
                RunningServer server = start(kind);
                startedNow.add(server);
                running.put(server.name(), server);
                recordState();
            } catch (RuntimeException e) {
                stopAll(startedNow);
                startedNow.forEach(server -> running.remove(server.name()));
                recordState();
                throw failure(kind, e);
            }
        }
        return status();
    }

    /** The servers of this stack, probed now. */
    public synchronized StackStatus status() {
        return statusOf(settings.runDir(), List.copyOf(running.values()));
    }

    /**
     * Stops one server of this stack (its whole process group, SIGTERM then SIGKILL) and keeps its data dir,
     * ports and credentials, so that {@link #restart} brings it back as it was. Until then the server is
     * listed as unhealthy. For fault-injection tests.
     */
    public synchronized void stop(String server) {
        RunningServer current = server(server);
        log.info("stopping {} (to restart it later)", server);
        current.process().stop(STOP_GRACE);
    }

    /**
     * Starts one server of this stack again, stopping it first if it runs: the same command on the same data
     * dir, so the same ports, credentials and data (kafka's topics and offsets, s3's objects, clickhouse's
     * tables); clients holding its endpoints reconnect. Returns once it is ready again.
     *
     * @throws StackException if how the server was started is not known (a stack recorded by an older version) or it
     *     does not come back
     */
    public StackStatus restart(String server) {
        RunningServer current;
        ProcessSpec spec;
        synchronized (this) {
            current = server(server);
            spec = current.process().spec().orElseThrow(() -> new StackException(
                    "%s was recorded without its start command and cannot be restarted; use sluice down and sluice up".formatted(server)));
            current.process().stop(STOP_GRACE);
        }
        ServerKind kind = ServerKinds.byName(server).orElseThrow();
        long begin = System.nanoTime();
        // the waits (Kafka's fencing, a minute for Trino to be ready) hold no lock: the other servers' status, stops
        // and restarts go on meanwhile (a fault run pauses one server while it restarts another)
        try {
            kind.prepareRestart();
        } catch (RuntimeException e) {
            throw failure(kind, e);
        }
        log.info("restarting {}", server);
        ChildProcess process;
        synchronized (this) {
            process = launcher.start(spec);
            running.put(server, new RunningServer(server, process, current.endpoints()));
            recordState();
        }
        try {
            kind.awaitReady(process, current.endpoints(), settings.startTimeout());
        } catch (RuntimeException e) {
            throw failure(kind, e);
        }
        log.info("{} is healthy again after {} ms", server, Duration.ofNanos(System.nanoTime() - begin).toMillis());
        return status();
    }

    public StackSettings settings() {
        return settings;
    }

    /** Stops every server, last started first. Detached servers are left to {@link #down}. */
    @Override
    public synchronized void close() {
        if (!recordState) {
            stopAll(List.copyOf(running.values()));
            running.clear();
        }
    }

    private RunningServer server(String name) {
        RunningServer server = running.get(requireNonNull(name, "server"));
        if (server == null) {
            throw new StackException("no server '%s' in this stack; it has: %s".formatted(name, String.join(", ", running.keySet())));
        }
        return server;
    }

    private RunningServer start(ServerKind kind) {
        Path dataDir = settings.runDir().resolve(kind.name());
        try {
            Artifacts.deleteRecursively(dataDir);
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StackException("cannot prepare %s: %s".formatted(dataDir, e.getMessage()), e);
        }
        Map<String, Map<String, String>> started = new LinkedHashMap<>();
        running.forEach((name, server) -> started.put(name, server.endpoints()));
        ServerContext context = new ServerContext(dataDir, artifacts, launcher, started, fixedPort(kind),
                settings.bucket(), settings.startTimeout());
        log.info("starting {}", kind.name());
        long begin = System.nanoTime();
        RunningServer server = kind.start(context);
        log.info("{} is healthy after {} ms: {}", kind.name(), Duration.ofNanos(System.nanoTime() - begin).toMillis(),
                server.endpoints().keySet());
        return server;
    }

    private OptionalInt fixedPort(ServerKind kind) {
        Integer port = settings.fixedPorts().get(kind.name());
        return port == null ? OptionalInt.empty() : OptionalInt.of(port);
    }

    private StackException failure(ServerKind kind, RuntimeException cause) {
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        Optional<Path> logFile = newestLog(settings.runDir().resolve(kind.name()));
        String where = logFile.map(file -> "; log: " + file + ", last lines:\n" + indent(tail(file))).orElse("");
        return new StackException("%s failed to start: %s%s".formatted(kind.name(), reason, where), cause);
    }

    private static Optional<Path> newestLog(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .max(Comparator.comparing(file -> file.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String tail(Path logFile) {
        return LogTail.of(logFile, FAILURE_LOG_LINES);
    }

    private static String indent(String lines) {
        return lines.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("    (empty)");
    }

    private synchronized void launched(ChildProcess child) {
        launching.put(child.pid(), child);
        recordState();
    }

    private void recordState() {
        if (recordState) {
            Set<Long> started = running.values().stream().map(server -> server.process().pid()).collect(Collectors.toUnmodifiableSet());
            // a launch that became a server, or that failed and was stopped, is no longer launching
            launching.values().removeIf(child -> started.contains(child.pid()) || !child.isAlive());
            StackState.of(running.values(), launching.values()).write(settings.runDir());
            recordedPids = started;
        }
    }

    private static boolean healthy(RunningServer server) {
        return server.process().isAlive()
                && ServerKinds.byName(server.name()).map(kind -> kind.healthy(server.endpoints())).orElse(false);
    }

    private static StackStatus statusOf(Path runDir, List<RunningServer> servers) {
        return new StackStatus(runDir, servers.stream()
                .map(server -> new ServerStatus(server.name(), server.process().pid(), healthy(server), server.endpoints()))
                .toList());
    }

    private static void stopAll(List<RunningServer> servers) {
        List<RunningServer> reversed = new ArrayList<>(servers);
        Collections.reverse(reversed);
        for (RunningServer server : reversed) {
            log.info("stopping {}", server.name());
            server.process().stop(STOP_GRACE);
        }
    }

    private interface Locked<T> {
        T run();
    }

    /** One {@code up} or {@code down} at a time per run dir, across JVMs. */
    private static <T> T underRunDirLock(Path runDir, Locked<T> action) {
        try {
            Files.createDirectories(runDir);
            try (FileChannel channel = FileChannel.open(runDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                channel.lock(); // released when the channel closes
                return action.run();
            }
        } catch (IOException e) {
            throw new StackException("cannot lock run dir %s: %s".formatted(runDir, e.getMessage()), e);
        }
    }
}
