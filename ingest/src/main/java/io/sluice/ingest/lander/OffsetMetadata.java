package io.sluice.ingest.lander;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * What the loop commits with each batch's offset, in the offset's metadata string: the open sub-chunks of the
 * partition and the batch budget the next batch is cut by. A sub-chunk cut by the budget spans batches; after a
 * restart from the committed offset its already landed rows are not read again, so their count, checksum and objects
 * must come back from here. The budget comes back so that the batch after the offset, which may be durable in the sink
 * though its commit never happened, is cut as it was even if the settings changed: ClickHouse's deduplication token
 * names its last offset. JSON {@code {"budget": {"rows": r, "bytes": b}, "open": {"<part>": {"rows": n, "checksum": c,
 * "bytes": b, "objects": [...]}}}}; an older lander wrote only the {@code open} map, or empty text for none.
 */
final class OffsetMetadata
{
    /** Kafka's default {@code offset.metadata.max.bytes}; a longer string is refused by the broker. */
    static final int MAX_LENGTH = 4096;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<Integer, Entry>> OPEN = new TypeReference<>() {};

    private OffsetMetadata() {}

    record Entry(long rows, long checksum, long bytes, List<String> objects) {}

    /** The rows and input bytes at which a batch is cut. */
    record Budget(long rows, long bytes) {}

    record Committed(Map<Integer, OpenSubChunk> open, Optional<Budget> budget) {}

    private record Metadata(Budget budget, Map<Integer, Entry> open) {}

    static String encode(Map<Integer, OpenSubChunk> open, Budget budget)
    {
        requireNonNull(open, "open is null");
        requireNonNull(budget, "budget is null");
        Map<Integer, Entry> entries = new TreeMap<>();
        open.forEach((part, chunk) -> entries.put(part, new Entry(chunk.rows(), chunk.checksum(), chunk.bytes(), chunk.objects())));
        String text;
        try {
            text = MAPPER.writeValueAsString(new Metadata(budget, entries));
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

    static Committed decode(String text)
    {
        Map<Integer, OpenSubChunk> open = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return new Committed(open, Optional.empty());
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalStateException("the committed offset's metadata is not the lander's (not a JSON object); was the consumer group used by something else?");
            }
            // an older lander's metadata is the open map alone, whose keys are part numbers
            boolean current = node.has("budget");
            Map<Integer, Entry> entries = MAPPER.convertValue(current ? node.path("open") : node, OPEN);
            entries.forEach((part, entry) -> open.put(part, new OpenSubChunk(entry.rows(), entry.checksum(), entry.bytes(), entry.objects())));
            return new Committed(open, current ? Optional.of(MAPPER.treeToValue(node.get("budget"), Budget.class)) : Optional.empty());
        }
        catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("the committed offset's metadata is not the lander's (%s); was the consumer group used by something else?"
                    .formatted(e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()), e);
        }
    }
}
