package io.sluice.generator;

import io.sluice.schema.dataset.DatasetId;

import static java.util.Objects.requireNonNull;

/**
 * A generator run stopped because {@link DatasetGenerator#stop()} asked it to, between two sub-chunks: no
 * transaction was open, the sub-chunks committed stay, and a run of the same plan goes on after them.
 */
public final class GenerationStoppedException
        extends RuntimeException
{
    private final DatasetId dataset;

    public GenerationStoppedException(DatasetId dataset, String where)
    {
        super("%s: stopped on request before %s; the sub-chunks committed so far stay in Kafka, and a run of the same plan goes on after them"
                .formatted(requireNonNull(dataset, "dataset is null"), requireNonNull(where, "where is null")));
        this.dataset = dataset;
    }

    public DatasetId dataset()
    {
        return dataset;
    }
}
