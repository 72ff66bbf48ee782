package io.sluice.generator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.generator.listen.ControlListener;
import io.sluice.generator.progress.LoggingProgressListener;
import io.sluice.generator.settings.GeneratorSettings;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A bare entry point for a generator process without the CLI (a container's command, the crash tests'
 * child JVM). Settings come from the environment ({@link GeneratorSettings#fromEnvironment}); arguments
 * {@code NAME=VALUE} override variables, and {@code --listen} runs the {@link ControlListener}.
 * Exits 0 when done, 1 with a one-line error otherwise.
 */
public final class GeneratorMain
{
    private GeneratorMain() {}

    public static void main(String[] args)
    {
        Map<String, String> environment = new HashMap<>(System.getenv());
        boolean listen = false;
        for (String arg : args) {
            if (arg.equals("--listen")) {
                listen = true;
                continue;
            }
            int equals = arg.indexOf('=');
            if (equals < 1) {
                System.err.println("argument '%s' is neither --listen nor NAME=VALUE (e.g. SLUICE_GENERATOR_SCALE_FACTOR=1)".formatted(arg));
                System.exit(1);
            }
            environment.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        try {
            GeneratorSettings settings = GeneratorSettings.fromEnvironment(environment);
            LoggingProgressListener progress = new LoggingProgressListener(Duration.ofSeconds(5));
            if (listen) {
                try (ControlListener listener = new ControlListener(settings, progress, new SimpleMeterRegistry())) {
                    Runtime.getRuntime().addShutdownHook(new Thread(listener::close));
                    listener.run();
                }
                return;
            }
            System.out.println(new DatasetGenerator(settings, progress, new SimpleMeterRegistry()).run());
        }
        catch (IllegalArgumentException | GenerationFailedException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
