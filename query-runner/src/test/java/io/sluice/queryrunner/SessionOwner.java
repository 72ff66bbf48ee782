package io.sluice.queryrunner;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.queryrunner.engine.EngineDriver;
import io.sluice.queryrunner.engine.EngineSession;
import io.sluice.queryrunner.service.BenchmarkSetup;
import io.sluice.queryrunner.service.QueryRunnerSettings;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.result.Engine;

import java.time.Duration;
import java.util.Locale;

/**
 * Main of a JVM for {@link BenchmarkRunnerIT}, which kills it to see what the engines do about the sessions it
 * leaves: opens a session of each engine named in the first argument (comma-separated) on the dataset of the
 * second (settings from this JVM's environment), prints {@code ready}, then runs the SQL of the third argument, if
 * any, on each in a thread of its own with query label {@code orphan}, and waits to be killed.
 */
public final class SessionOwner
{
    private SessionOwner() {}

    public static void main(String[] args)
            throws InterruptedException
    {
        BenchmarkSetup setup = BenchmarkSetup.create(QueryRunnerSettings.fromEnvironment(System.getenv()), new SimpleMeterRegistry());
        DatasetId dataset = DatasetId.parse(args[1]);
        for (String name : args[0].split(",")) {
            Engine engine = Engine.valueOf(name.toUpperCase(Locale.ROOT));
            EngineDriver driver = setup.drivers().stream().filter(candidate -> candidate.engine() == engine).findFirst().orElseThrow();
            EngineSession session = driver.open(dataset);
            if (args.length > 2) {
                Thread.ofPlatform().start(() -> session.execute("orphan", args[2], Duration.ofMinutes(10)));
            }
        }
        System.out.println("ready");
        System.out.flush();
        Thread.sleep(600_000);
    }
}
