package io.sluice.generator;

/**
 * Another generator writes this run's parts: a second command for the dataset, or a process that took over from
 * one thought dead, under the same transactional id. The two would fence each other's producers in turn, so this run
 * leaves the parts to the other instead of starting another producer. Not a failure of the dataset: the other run
 * announces what it does. The message names the dataset, the parts and the first sub-chunk the other committed.
 */
public final class GenerationTakenOverException
        extends RuntimeException
{
    public GenerationTakenOverException(String message)
    {
        super(message);
    }
}
