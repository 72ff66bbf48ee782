package io.sluice.schema.event;

/**
 * Everything published on {@code sluice.events}. One topic carries every type: the single-object header's
 * schema fingerprint tells a decoder which record it holds.
 */
public sealed interface PipelineEvent
        permits DatasetPlanned, ChunkProduced, ChunkLanded, TableReady, DatasetReady, DatasetFailed, CommandRejected,
        BenchmarkStarted, BenchmarkFinished, BenchmarkStopped, FaultInjected, FaultCleared, RecoveryObserved
{
    /**
     * The Kafka record key: the dataset id for data events, the run id for run and fault events, so all
     * events of one dataset (or run) stay in order on one partition.
     */
    String key();
}
