package io.sluice.cli;

import io.sluice.stack.LocalStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

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
    public Integer call() {
        Path dir = runDir.runDir();
        boolean stopped = LocalStack.down(dir);
        spec.commandLine().getOut().println(stopped ? "stopped the local stack in " + dir : "no local stack was running in " + dir);
        return 0;
    }
}
