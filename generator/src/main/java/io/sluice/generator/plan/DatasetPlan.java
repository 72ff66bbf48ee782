package io.sluice.generator.plan;

import io.sluice.schema.command.PartRange;
import io.sluice.schema.dataset.DatasetId;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one generator process produces: the chunks of its part range for each selected table, in
 * generation order (table by table, part by part), and the partition count each row topic should have.
 */
public record DatasetPlan(DatasetId dataset, int parts, PartRange partRange, List<String> tables, List<ChunkPlan> chunks, Map<String, Integer> partitions)
{
    public DatasetPlan
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(partRange, "partRange is null");
        tables = List.copyOf(tables);
        chunks = List.copyOf(chunks);
        partitions = Map.copyOf(partitions);
    }

    public List<ChunkPlan> chunksOf(String table)
    {
        return chunks.stream().filter(chunk -> chunk.table().equals(table)).toList();
    }

    public long estimatedRows()
    {
        return chunks.stream().mapToLong(ChunkPlan::estimatedRows).sum();
    }

    public int subChunks()
    {
        return chunks.stream().mapToInt(ChunkPlan::subChunks).sum();
    }
}
