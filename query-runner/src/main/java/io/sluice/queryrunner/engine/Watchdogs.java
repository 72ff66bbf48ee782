package io.sluice.queryrunner.engine;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

final class Watchdogs
{
    private Watchdogs() {}

    /**
     * One daemon thread per driver that fires query cancellations at their timeouts. A query that ends in time takes
     * its cancellation off the queue; kept there until its timeout instead, each would hold its statement that long
     * (a throughput plan of quick queries and a 30-minute timeout piled up tens of thousands).
     */
    static ScheduledExecutorService create(String engine)
    {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> Thread.ofPlatform().daemon().name("sluice-" + engine + "-timeouts").unstarted(runnable));
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
