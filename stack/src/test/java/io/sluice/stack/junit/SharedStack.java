package io.sluice.stack.junit;

import io.sluice.stack.LocalStack;
import io.sluice.stack.StackException;
import io.sluice.stack.StackSettings;
import io.sluice.stack.StackStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The stack of one test JVM: either started by it (attached, under {@code target/}) or a {@code sluice up}
 * stack named by {@code SLUICE_STACK_DIR}. Test classes may run in parallel, hence the locking.
 */
final class SharedStack implements AutoCloseable {
    private final Optional<Path> external;
    private LocalStack own;

    SharedStack() {
        this(Optional.ofNullable(System.getenv("SLUICE_STACK_DIR")).filter(value -> !value.isBlank()).map(Path::of));
    }

    SharedStack(Optional<Path> external) {
        this.external = external;
    }

    synchronized StackStatus ensure(Collection<String> servers) {
        if (external.isPresent()) {
            return reuse(external.get(), servers);
        }
        if (own == null) {
            own = LocalStack.startAttached(StackSettings.defaults().withRunDir(newRunDir()).withServers(List.copyOf(servers)));
            return own.status();
        }
        return own.ensureStarted(servers);
    }

    /**
     * The stack this JVM started, for tests that stop and restart its servers; a {@code sluice up} stack is
     * another JVM's and cannot be.
     */
    synchronized LocalStack own(Collection<String> servers) {
        if (external.isPresent()) {
            throw new StackException("this test stops and restarts servers, which needs a stack the test JVM starts; unset SLUICE_STACK_DIR");
        }
        ensure(servers);
        return own;
    }

    /** Adds what the running stack lacks with {@code up}, which leaves what runs alone. */
    private static StackStatus reuse(Path runDir, Collection<String> servers) {
        StackStatus running = LocalStack.status(runDir).orElseThrow(() -> new StackException(
                "SLUICE_STACK_DIR=%s holds no running stack; start one with `sluice up` or unset it".formatted(runDir)));
        Set<String> wanted = new LinkedHashSet<>();
        running.servers().forEach(server -> wanted.add(server.name()));
        wanted.addAll(servers);
        if (running.healthy() && wanted.size() == running.servers().size()) {
            return running;
        }
        return LocalStack.up(new StackSettings(runDir, new ArrayList<>(wanted), Map.of(),
                running.server("s3").map(s3 -> s3.endpoints().get("bucket")).orElse(StackSettings.DEFAULT_BUCKET),
                StackSettings.DEFAULT_START_TIMEOUT));
    }

    private static Path newRunDir() {
        try {
            Path target = Files.createDirectories(Path.of("target"));
            return Files.createTempDirectory(target, "sluice-stack-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        if (own != null) {
            own.close();
        }
    }
}
