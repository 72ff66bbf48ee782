package io.sluice.cli;

import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sluice status}: endpoints, pids and a live health probe of each server of the local stack. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the local stack's endpoints, credentials, pids and health. Exit code 3 when no stack runs here.")
final class StatusCommand implements Callable<Integer> {
    static final int EXIT_NOT_RUNNING = 3;

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunDirOption runDir;

    @Option(names = "--json", description = "Print one JSON object (keys <server>.<endpoint>, <server>.healthy, <server>.pid).")
    private boolean json;

    @Override
    public Integer call() {
        Path dir = runDir.runDir();
        Optional<StackStatus> status = LocalStack.status(dir);
        if (status.isEmpty()) {
            if (json) {
                spec.commandLine().getOut().println(StatusView.notRunningJson(dir));
            }
            spec.commandLine().getErr().println("no local stack is running in " + dir + "; start one with: ./sluice up");
            return EXIT_NOT_RUNNING;
        }
        StatusView.print(spec.commandLine().getOut(), status.get(), json);
        return status.get().servers().stream().allMatch(server -> server.healthy()) ? 0 : SluiceCommand.EXIT_FAILURE;
    }
}
