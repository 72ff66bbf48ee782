package io.sluice.ingest.tracker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The Kafka cluster a tracker's local state was built from, kept in {@code <stateDir>/<applicationId>.kafka-cluster-id}
 * beside Kafka Streams' own {@code <stateDir>/<applicationId>}. That state must not serve another cluster (the local
 * stack formats a new one on every {@code up}): Streams would keep stores whose checkpoints lie beyond the new
 * changelogs' ends, and the tracker would take every dataset it decided before as decided, never announcing it again.
 */
record LocalStateOwner(Path stateDir, String applicationId)
{
    LocalStateOwner
    {
        requireNonNull(stateDir, "stateDir is null");
        requireNonNull(applicationId, "applicationId is null");
    }

    /**
     * Whether there is local state that was not built from {@code clusterId}: recorded for another cluster, or
     * recorded for none (state from before this record was kept).
     */
    boolean staleFor(String clusterId)
    {
        requireNonNull(clusterId, "clusterId is null");
        return hasState() && !recordedCluster().equals(Optional.of(clusterId));
    }

    /** Records that the state from now on is built from {@code clusterId}. */
    void claim(String clusterId)
    {
        requireNonNull(clusterId, "clusterId is null");
        // a plain write: a torn one reads as another cluster, which only costs the next start a restore from the changelogs
        try {
            Files.createDirectories(stateDir);
            Files.writeString(marker(), clusterId, UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot record the Kafka cluster of the tracker state in " + marker(), e);
        }
    }

    Optional<String> recordedCluster()
    {
        try {
            return Files.isRegularFile(marker()) ? Optional.of(Files.readString(marker(), UTF_8).strip()) : Optional.empty();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker(), e);
        }
    }

    private boolean hasState()
    {
        Path applicationDir = stateDir.resolve(applicationId);
        if (!Files.isDirectory(applicationDir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(applicationDir)) {
            return entries.findAny().isPresent();
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot list " + applicationDir, e);
        }
    }

    private Path marker()
    {
        return stateDir.resolve(applicationId + ".kafka-cluster-id");
    }
}
