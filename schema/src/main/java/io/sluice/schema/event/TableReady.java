package io.sluice.schema.event;

import io.sluice.schema.dataset.DatasetId;

import static io.sluice.schema.Arguments.requireNonNegative;
import static java.util.Objects.requireNonNull;

/**
 * Every chunk of a table landed in a sink with rows and checksum equal to what was produced.
 * {@code checksum} is the combination of the chunks' checksums.
 */
public record TableReady(
        DatasetId dataset,
        String table,
        Sink sink,
        int parts,
        long rows,
        long checksum,
        long bytes,
        long objects,
        long readyAtMs)
        implements PipelineEvent
{
    public TableReady
    {
        requireNonNull(dataset, "dataset is null");
        dataset.benchmark().checkTable(table);
        requireNonNull(sink, "sink is null");
        if (parts < 1) {
            throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        }
        requireNonNegative(rows, "rows");
        requireNonNegative(bytes, "bytes");
        requireNonNegative(objects, "objects");
    }

    @Override
    public String key()
    {
        return dataset.toString();
    }
}
