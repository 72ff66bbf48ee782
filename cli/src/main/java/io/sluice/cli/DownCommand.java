package io.sluice.cli;

import io.sluice.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sluice down}: stops every process that {@code sluice up} started in the run directory. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local stack started by 'sluice up'; data and logs stay in the run directory until the next 'up', which starts every server empty.")
final class DownCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Override
    public Integer call() throws IOException {
        Path dir = runDir.runDir();
        // a missing run dir has no stack, and taking the lock would create it
        boolean stopped = Files.isDirectory(dir) && downUnlessARunUsesIt(dir);
        spec.commandLine().getOut().println(stopped ? "stopped the local stack in " + dir : "no local stack was running in " + dir);
        return 0;
    }

    /** A run whose servers went away would wait for its dataset until its timeout, without a word. */
    private static boolean downUnlessARunUsesIt(Path dir) throws IOException {
        try (RunLock _ = RunLock.acquire(dir, "run", "sluice down")) {
            return LocalStack.down(dir);
        } catch (RunLock.HeldException e) {
            IllegalStateException refusal = new IllegalStateException("a sluice run is using the stack in %s (%s); stop it first (Ctrl-C where it runs), then run 'sluice down' again"
                    .formatted(dir, e.holder()));
            // not the cause: the error line would go on with the lock's words for another run
            refusal.addSuppressed(e);
            throw refusal;
        }
    }
}
