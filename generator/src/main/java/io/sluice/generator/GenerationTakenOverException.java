package io.sluice.generator;

import io.sluice.schema.dataset.DatasetId;

import static java.util.Objects.requireNonNull;

/**
 * Another generator writes this run's parts: a second command for the dataset, or a process that took over from
 * one thought dead, under the same transactional id. The two would fence each other's producers in turn, so this run
 * leaves the parts to the other instead of starting another producer. Not a failure of the dataset: the other run
 * announces what it does.
 */
public final class GenerationTakenOverException
        extends RuntimeException
{
    private final DatasetId dataset;

    public GenerationTakenOverException(DatasetId dataset, String message, Throwable cause)
    {
        super(message, cause);
        this.dataset = requireNonNull(dataset, "dataset is null");
    }

    public DatasetId dataset()
    {
        return dataset;
    }
}
