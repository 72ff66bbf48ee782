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
    /** Slow the target's I/O or network (added latency) for the fault's duration. */
    SLOW,
    /** Drop part of the target's network packets for the fault's duration. */
    LOSS,
    /** Take the target away (stopped, or cut off the network) for the fault's duration, then bring it back. */
    OUTAGE,
}
