package io.sluice.schema.result;

public enum QueryStatus
{
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
}
