package io.sluice.queryrunner.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

final class Watchdogs
{
    private Watchdogs() {}

    /**
     * One daemon thread per driver that fires query cancellations at their timeouts.
     */
    static ScheduledExecutorService create(String engine)
    {
        return Executors.newSingleThreadScheduledExecutor(runnable -> Thread.ofPlatform().daemon().name("sluice-" + engine + "-timeouts").unstarted(runnable));
    }
}
