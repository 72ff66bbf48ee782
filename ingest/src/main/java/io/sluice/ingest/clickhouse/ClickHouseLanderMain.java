package io.sluice.ingest.clickhouse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;

import java.time.Duration;

/**
 * Runs the ClickHouse lander from {@code SLUICE_*} environment variables until the process is stopped (a
 * container's entry point, and the child process of the crash test). Exits 2 on bad settings, 1 if the lander fails.
 */
public final class ClickHouseLanderMain
{
    private ClickHouseLanderMain() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        LanderSettings lander;
        ClickHouseSettings clickHouse;
        try {
            lander = LanderSettings.fromEnvironment(System.getenv());
            clickHouse = ClickHouseSettings.fromEnvironment(System.getenv());
        }
        catch (IllegalArgumentException e) {
            System.err.println("sluice clickhouse lander: " + e.getMessage());
            System.exit(2);
            return;
        }
        RunningLander running = ClickHouseLander.run(lander, clickHouse, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        while (!running.awaitStop(Duration.ofSeconds(1))) {
            // waits for a failure; a normal stop comes from the shutdown hook
        }
        if (running.failure().isPresent()) {
            System.exit(1);
        }
    }
}
