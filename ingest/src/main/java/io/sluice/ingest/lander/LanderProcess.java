package io.sluice.ingest.lander;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * The process around one lander (a container's entry point, and the child process of the crash tests): reads
 * its settings from {@code SLUICE_*} environment variables and runs it until the process is stopped. Exits 2 on
 * bad settings, 1 if the lander fails.
 */
public final class LanderProcess
{
    private LanderProcess() {}

    /**
     * @param name how errors name the process, e.g. {@code sluice parquet lander}
     * @param configure reads the settings from the environment, failing with {@link IllegalArgumentException} on
     * bad ones, and returns how to start the lander with them
     */
    public static void run(String name, Function<Map<String, String>, Supplier<RunningLander>> configure)
            throws InterruptedException
    {
        requireNonNull(name, "name is null");
        requireNonNull(configure, "configure is null");
        Supplier<RunningLander> start;
        try {
            start = configure.apply(System.getenv());
        }
        catch (IllegalArgumentException e) {
            System.err.println(name + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        RunningLander running = start.get();
        Runtime.getRuntime().addShutdownHook(new Thread(running::close));
        while (!running.awaitStop(Duration.ofSeconds(1))) {
            // waits for a failure; a normal stop comes from the shutdown hook
        }
        if (running.failure().isPresent()) {
            System.exit(1);
        }
    }
}
