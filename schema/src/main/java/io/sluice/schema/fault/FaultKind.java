package io.sluice.schema.fault;

/**
 * What a fault run does to its target.
 */
public enum FaultKind
{
    /** Stop the target abruptly (SIGKILL / pod delete); it is restarted by its supervisor. */
    KILL,
    /** Freeze the target (SIGSTOP / container pause) for the fault's duration. */
    PAUSE,
    /** Slow the target's I/O or network for the fault's duration. */
    SLOW,
}
