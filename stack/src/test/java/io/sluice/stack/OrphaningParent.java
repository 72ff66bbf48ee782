package io.sluice.stack;

import java.nio.file.Path;
import java.util.List;

/**
 * Main of a child JVM for {@link ProcessLauncherIT}: starts {@code sleep} through a launcher of the mode given
 * as first argument, prints the sleep's group pid, then waits to be killed.
 */
public final class OrphaningParent {
    private OrphaningParent() {}

    public static void main(String[] args) throws InterruptedException {
        ProcessLauncher launcher = ProcessLauncher.Mode.valueOf(args[0]) == ProcessLauncher.Mode.ATTACHED
                ? ProcessLauncher.attached()
                : ProcessLauncher.detached(_ -> {});
        Path dir = Path.of(args[1]);
        ChildProcess child = launcher.start(new ProcessSpec("sleeper",
                List.of("sh", "-c", "sleep 600 & sleep 600"), dir, dir.resolve("sleeper.log")));
        System.out.println(child.pid());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
