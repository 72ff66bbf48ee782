package io.sluice.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@code sluice up} without the CLI, for tests that need it in a JVM of its own: args are the run dir and the servers. */
final class StackUpProcess {
    private StackUpProcess() {}

    public static void main(String[] args) {
        StackSettings settings = new StackSettings(Path.of(args[0]), List.of(args).subList(1, args.length), Map.of(),
                StackSettings.DEFAULT_BUCKET, StackSettings.DEFAULT_START_TIMEOUT);
        LocalStack.up(settings);
    }
}
