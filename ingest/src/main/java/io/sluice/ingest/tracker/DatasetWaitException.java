package io.sluice.ingest.tracker;

import io.sluice.schema.event.DatasetFailed;

import java.util.Optional;

/**
 * A dataset did not become ready: the tracker reported it failed ({@link #failure()}), or the wait timed out.
 */
public final class DatasetWaitException
        extends RuntimeException
{
    private final transient Optional<DatasetFailed> failure;
    private final transient DatasetProgress progress;

    DatasetWaitException(String message, Optional<DatasetFailed> failure, DatasetProgress progress)
    {
        super(message);
        this.failure = failure;
        this.progress = progress;
    }

    public Optional<DatasetFailed> failure()
    {
        return failure;
    }

    /** What had been seen when the wait ended. */
    public DatasetProgress progress()
    {
        return progress;
    }
}
