package io.sluice.schema.command;

/**
 * Everything published on {@code sluice.control}, keyed by {@link #runId()}.
 */
public sealed interface Command
        permits GenerateDataset, RunBenchmark, RunFault
{
    /**
     * The caller's id for the run this command starts; events answering it carry the same id.
     */
    String runId();
}
