package io.sluice.faults.local;

import io.sluice.faults.FaultTarget;

import java.util.OptionalLong;
import java.util.Set;

/**
 * The processes of a running local stack, as the {@link LocalFaultInjector} needs them. The CLI implements it
 * over {@code LocalStack} (which keeps data dirs and ports across a restart), so this module does not depend on
 * the stack.
 */
public interface LocalTargets
{
    /** The targets that run here as processes. */
    Set<FaultTarget> available();

    /** The process group of the target's running process (its leader's pid); empty when it does not run. */
    OptionalLong processGroup(FaultTarget target);

    /** Stops the target, keeping its data and ports; returns once it is gone. */
    void stop(FaultTarget target);

    /** Starts the target again on the same data and ports, stopping what is left of it first; returns once it is ready. */
    void restart(FaultTarget target);
}
