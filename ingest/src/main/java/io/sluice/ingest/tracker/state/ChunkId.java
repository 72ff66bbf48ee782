package io.sluice.ingest.tracker.state;

import io.sluice.schema.dataset.DatasetId;

import static io.sluice.schema.Arguments.requireText;
import static java.util.Objects.requireNonNull;

/**
 * One sub-chunk of a dataset's table, and its store key {@code <dataset>/<table>/<part>/<subChunk>}.
 * Dataset ids and table names never contain {@code /}, so the key parses back unambiguously.
 */
public record ChunkId(DatasetId dataset, String table, int part, int subChunk)
{
    public ChunkId
    {
        requireNonNull(dataset, "dataset is null");
        requireText(table, "table");
    }

    public static ChunkId parse(String key)
    {
        String[] fields = key.split("/");
        if (fields.length != 4) {
            throw new IllegalArgumentException("chunk key '%s' is not <dataset>/<table>/<part>/<subChunk>".formatted(key));
        }
        return new ChunkId(DatasetId.parse(fields[0]), fields[1], Integer.parseInt(fields[2]), Integer.parseInt(fields[3]));
    }

    public String key()
    {
        return "%s/%s/%d/%d".formatted(dataset, table, part, subChunk);
    }

    /** The key of the part this sub-chunk belongs to. */
    public String partKey()
    {
        return "%s/%s/%d".formatted(dataset, table, part);
    }

    /** The key of the table this sub-chunk belongs to. */
    public String tableKey()
    {
        return tableKey(dataset, table);
    }

    public static String tableKey(DatasetId dataset, String table)
    {
        return dataset + "/" + table;
    }
}
