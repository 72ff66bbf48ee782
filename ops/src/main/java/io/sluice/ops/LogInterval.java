package io.sluice.ops;

import java.time.Duration;
import java.util.function.LongSupplier;

import static java.util.Objects.requireNonNull;

/**
 * Lets a long task log its progress at most once per interval: a service's log should show hours of work moving,
 * without a line per batch or query.
 */
public final class LogInterval
{
    /** What the services use: often enough to tell a stuck pod from a busy one. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private long lastNanos;

    /**
     * @param nanoClock {@link System#nanoTime}, or a test's clock; the first interval starts now
     */
    public LogInterval(Duration interval, LongSupplier nanoClock)
    {
        requireNonNull(interval, "interval is null");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be > 0, got " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
        this.lastNanos = nanoClock.getAsLong();
    }

    public static LogInterval every(Duration interval)
    {
        return new LogInterval(interval, System::nanoTime);
    }

    /**
     * Whether a line is due: true at most once per interval, and the next interval starts when it is.
     */
    public synchronized boolean due()
    {
        long now = nanoClock.getAsLong();
        if (now - lastNanos < intervalNanos) {
            return false;
        }
        lastNanos = now;
        return true;
    }
}
