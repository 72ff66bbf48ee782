package io.sluice.faults.local.proxy;

import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The current impairment of one proxy, shared by all its connections: a forwarder asks it when a chunk may go, and
 * a change lets chunks that wait go at once when they are no longer held back.
 */
final class ImpairmentGate
{
    private volatile Impairment impairment = Impairment.NONE;

    Impairment current()
    {
        return impairment;
    }

    synchronized void set(Impairment impairment)
    {
        this.impairment = requireNonNull(impairment, "impairment is null");
        notifyAll();
    }

    /** Returns when the chunk read at {@code readAtNanos} with these draws may be written. */
    void awaitRelease(long readAtNanos, double jitterDraw, double lossDraw)
            throws InterruptedException
    {
        // no lock and no clock when there is nothing to wait for: the proxy costs nothing without a fault
        if (impairment.isNone()) {
            return;
        }
        synchronized (this) {
            while (true) {
                long hold = impairment.holdNanos(jitterDraw, lossDraw);
                if (hold == Long.MAX_VALUE) {
                    wait();
                    continue;
                }
                long remaining = hold - (System.nanoTime() - readAtNanos);
                if (remaining <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
        }
    }
}
