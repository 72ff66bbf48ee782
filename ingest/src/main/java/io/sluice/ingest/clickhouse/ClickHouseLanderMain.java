package io.sluice.ingest.clickhouse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.ingest.lander.LanderProcess;
import io.sluice.ingest.lander.LanderSettings;

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
        LanderProcess.run("sluice clickhouse lander", environment -> {
            LanderSettings lander = LanderSettings.fromEnvironment(environment);
            ClickHouseSettings clickHouse = ClickHouseSettings.fromEnvironment(environment);
            return () -> ClickHouseLander.run(lander, clickHouse, new SimpleMeterRegistry());
        });
    }
}
