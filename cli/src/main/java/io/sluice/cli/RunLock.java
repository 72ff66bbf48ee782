package io.sluice.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One {@code sluice run}, and one {@code sluice bench}, at a time per run directory. A run's completion tracker keeps
 * its Kafka Streams state in the run directory and its landers join fixed consumer groups, so a second run beside it
 * failed deep inside Kafka Streams ("state directory is already locked"); a bench starts its stacks on emptied data
 * directories under the run directory, so a second bench would empty the first one's under its running servers. The
 * lock is an OS file lock, {@code <runDir>/<command>.lock}: it goes with the process, however that ends. The file holds
 * who took it, for the refusal's message. {@code sluice down} takes the run's lock too, so that it does not stop the
 * servers under a run.
 */
final class RunLock implements AutoCloseable {
    private final FileChannel channel;

    private RunLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Takes the lock of {@code command} ({@code run} or {@code bench}) in {@code runDir} for {@code subject} (what it
     * works on, shown with the pid and the time to a command refused meanwhile), or fails with a message that says
     * which process holds it.
     */
    static RunLock acquire(Path runDir, String command, String subject) {
        requireNonNull(subject, "subject is null");
        Path file = file(runDir, command);
        FileChannel channel = null;
        try {
            Files.createDirectories(runDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (tryLock(channel).isEmpty()) {
                throw new HeldException(command, runDir, holderOf(channel));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap("pid %d, %s since %s".formatted(ProcessHandle.current().pid(), subject, Instant.now().truncatedTo(ChronoUnit.SECONDS)).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock %s: %s".formatted(file, e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The lock is held by another process; the message, for another run or bench, says which and what to do. */
    static final class HeldException extends IllegalStateException {
        private final String holder;

        private HeldException(String command, Path runDir, Optional<String> holder) {
            super("another sluice %s is using %s%s; wait for it to finish, or give this one a run dir of its own with --run-dir"
                    .formatted(command, runDir, holder.map(text -> " (" + text + ")").orElse("")));
            this.holder = holder.orElse("pid unknown");
        }

        /** Who holds it, as the lock file says: {@code pid 123, tpch.sf1 since 2026-12-06T03:51:59Z}. */
        String holder() {
            return holder;
        }
    }

    static Path file(Path runDir, String command) {
        return runDir.resolve(requireNonNull(command, "command is null") + ".lock");
    }

    private static Optional<FileLock> tryLock(FileChannel channel) throws IOException {
        try {
            return Optional.ofNullable(channel.tryLock());
        } catch (OverlappingFileLockException e) {
            // held by this JVM
            return Optional.empty();
        }
    }

    private static Optional<String> holderOf(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(512);
        channel.read(buffer, 0);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                // the failure being reported matters more
            }
        }
    }

    /** Releases the lock; the file stays, with the last holder in it. */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
