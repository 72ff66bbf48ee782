package io.sluice.ingest.tracker.state;

/**
 * One part of a table: how many sub-chunks it was cut into, as its first event said.
 */
public record PartState(int parts, int subChunks)
{
}
