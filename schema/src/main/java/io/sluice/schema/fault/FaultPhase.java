package io.sluice.schema.fault;

/**
 * The pipeline phase during which a fault is injected.
 */
public enum FaultPhase
{
    GENERATE,
    INGEST,
    QUERY,
}
