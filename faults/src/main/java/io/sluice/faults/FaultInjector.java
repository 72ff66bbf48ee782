package io.sluice.faults;

/**
 * Applies faults to one deployment of the pipeline (the local stack, a Kubernetes release). Both operations are
 * idempotent: injecting an active fault, or clearing one that is not active (or was never injected), does
 * nothing. {@link FaultRun} clears every fault it injected when it ends, also when the run failed.
 */
public interface FaultInjector
{
    /**
     * Fails with one line naming the fault and what this injector supports when it cannot apply the fault;
     * called for every fault before a run starts.
     */
    void check(Fault fault);

    void inject(Fault fault);

    /** Lifts the fault: the target runs (again) at full speed when this returns, as far as this injector can tell. */
    void clear(Fault fault);
}
