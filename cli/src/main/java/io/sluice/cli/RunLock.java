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
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One {@code sluice run} at a time per run directory. A run's completion tracker keeps its Kafka Streams state in the
 * run directory and its landers join fixed consumer groups, so a second run beside it failed deep inside Kafka Streams
 * ("state directory is already locked"). The lock is an OS file lock: it goes with the process, however that ends.
 * The file holds who took it, for the refusal's message.
 */
final class RunLock implements AutoCloseable {
    static final String FILE_NAME = "run.lock";

    private final FileChannel channel;

    private RunLock(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Takes the lock of {@code runDir} for {@code holder} (what the run does, shown to a run refused meanwhile), or
     * fails with a message that says which run holds it.
     */
    static RunLock acquire(Path runDir, String holder) {
        requireNonNull(holder, "holder is null");
        Path file = runDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(runDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (tryLock(channel).isEmpty()) {
                String other = holderOf(channel).map(text -> " (" + text + ")").orElse("");
                throw new IllegalStateException("another sluice run is using the stack in %s%s; wait for it to finish, or run this one on a stack of its own with --run-dir"
                        .formatted(runDir, other));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap("pid %d, %s".formatted(ProcessHandle.current().pid(), holder).getBytes(StandardCharsets.UTF_8)), 0);
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
