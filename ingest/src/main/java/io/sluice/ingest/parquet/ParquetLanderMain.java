package io.sluice.ingest.parquet;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.parquet.ParquetSettings;

import java.time.Duration;

/**
 * Runs the Parquet lander from {@code SLUICE_*} environment variables until the process is stopped (a container's
 * entry point, and the child process of the crash test). Exits 1 if the lander fails.
 */
public final class ParquetLanderMain
{
    private ParquetLanderMain() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        LanderSettings lander;
        ParquetSettings parquet;
        try {
            lander = LanderSettings.fromEnvironment(System.getenv());
            parquet = ParquetSettings.fromEnvironment(System.getenv());
        }
        catch (IllegalArgumentException e) {
            System.err.println("sluice parquet lander: " + e.getMessage());
            System.exit(2);
            return;
        }
        RunningLander running = ParquetLander.run(lander, parquet, new SimpleMeterRegistry());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        while (!running.awaitStop(Duration.ofSeconds(1))) {
            // waits for a failure; a normal stop comes from the shutdown hook
        }
        if (running.failure().isPresent()) {
            System.exit(1);
        }
    }
}
