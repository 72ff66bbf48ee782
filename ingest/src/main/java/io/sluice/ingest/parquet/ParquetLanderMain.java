package io.sluice.ingest.parquet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.ingest.lander.LanderProcess;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.loaders.parquet.ParquetSettings;

/**
 * Runs the Parquet lander from {@code SLUICE_*} environment variables until the process is stopped (a container's
 * entry point, and the child process of the crash test). Exits 2 on bad settings, 1 if the lander fails.
 */
public final class ParquetLanderMain
{
    private ParquetLanderMain() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        LanderProcess.run("sluice parquet lander", environment -> {
            LanderSettings lander = LanderSettings.fromEnvironment(environment);
            ParquetSettings parquet = ParquetSettings.fromEnvironment(environment);
            return () -> ParquetLander.run(lander, parquet, new SimpleMeterRegistry());
        });
    }
}
