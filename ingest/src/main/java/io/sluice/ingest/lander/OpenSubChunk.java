package io.sluice.ingest.lander;

import io.sluice.schema.checksum.ChunkChecksum;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What has landed of the sub-chunk a part is in (the rows of that part since its last end-of-chunk marker):
 * rows, checksum and payload bytes recomputed from the landed rows, and the sink objects holding them.
 * Mutable; the loop copies it when a batch opens so an aborted batch leaves the last durable state intact.
 */
final class OpenSubChunk
{
    private final ChunkChecksum checksum;
    private long bytes;
    private final List<String> objects;

    OpenSubChunk()
    {
        this(0, 0, 0, List.of());
    }

    OpenSubChunk(long rows, long checksum, long bytes, List<String> objects)
    {
        this.checksum = new ChunkChecksum().combine(checksum, rows);
        this.bytes = bytes;
        this.objects = new ArrayList<>(requireNonNull(objects, "objects is null"));
    }

    OpenSubChunk copy()
    {
        return new OpenSubChunk(rows(), checksum(), bytes, objects);
    }

    void add(ByteBuffer payload)
    {
        checksum.add(payload);
        bytes += payload.remaining();
    }

    void addObjects(List<String> landed)
    {
        landed.stream().filter(object -> !objects.contains(object)).forEach(objects::add);
    }

    long rows()
    {
        return checksum.rows();
    }

    long checksum()
    {
        return checksum.value();
    }

    long bytes()
    {
        return bytes;
    }

    List<String> objects()
    {
        return List.copyOf(objects);
    }
}
