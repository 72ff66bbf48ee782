package io.sluice.queryrunner.engine;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class WatchdogsTest
{
    @Test
    void aCancellationCalledOffLeavesTheQueue()
    {
        ScheduledExecutorService watchdog = Watchdogs.create("test");
        try {
            // as JdbcExecution does for each query that ends before its timeout
            IntStream.range(0, 1_000).forEach(_ -> {
                ScheduledFuture<?> cancel = watchdog.schedule(() -> {}, 30, TimeUnit.MINUTES);
                cancel.cancel(false);
            });
            watchdog.schedule(() -> {}, 30, TimeUnit.MINUTES);

            assertThat(((ScheduledThreadPoolExecutor) watchdog).getQueue()).hasSize(1);
        }
        finally {
            watchdog.shutdownNow();
        }
    }
}
