package io.sluice.ingest.lander;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The open sub-chunks of a partition, carried in the metadata string of the offset the loop commits with each
 * batch. A sub-chunk cut by the batch budget spans batches; after a restart from the committed offset its
 * already landed rows are not read again, so their count, checksum and objects must come back from here.
 * JSON {@code {"<part>": {"rows": n, "checksum": c, "bytes": b, "objects": [...]}}}; empty text = none open.
 */
final class OffsetMetadata
{
    /** Kafka's default {@code offset.metadata.max.bytes}; a longer string is refused by the broker. */
    static final int MAX_LENGTH = 4096;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<Integer, Entry>> TYPE = new TypeReference<>() {};

    private OffsetMetadata() {}

    record Entry(long rows, long checksum, long bytes, List<String> objects) {}

    static String encode(Map<Integer, OpenSubChunk> open)
    {
        requireNonNull(open, "open is null");
        if (open.isEmpty()) {
            return "";
        }
        Map<Integer, Entry> entries = new TreeMap<>();
        open.forEach((part, chunk) -> entries.put(part, new Entry(chunk.rows(), chunk.checksum(), chunk.bytes(), chunk.objects())));
        String text;
        try {
            text = MAPPER.writeValueAsString(entries);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode open sub-chunks", e);
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalStateException(("%d sub-chunks are open across batches in one partition, more than fit in the committed offset's metadata (%d > %d characters); "
                    + "raise %s / %s (the ClickHouse lander's batches are capped by SLUICE_CLICKHOUSE_BATCH_ROWS too) so a batch holds whole sub-chunks")
                    .formatted(open.size(), text.length(), MAX_LENGTH, LanderSettings.BATCH_ROWS_ENV, LanderSettings.BATCH_BYTES_ENV));
        }
        return text;
    }

    static Map<Integer, OpenSubChunk> decode(String text)
    {
        Map<Integer, OpenSubChunk> open = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return open;
        }
        try {
            MAPPER.readValue(text, TYPE).forEach((part, entry) -> open.put(part, new OpenSubChunk(entry.rows(), entry.checksum(), entry.bytes(), entry.objects())));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("the committed offset's metadata is not the lander's (%s); was the consumer group used by something else?".formatted(e.getOriginalMessage()), e);
        }
        return open;
    }
}
