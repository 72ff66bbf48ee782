package io.sluice.cli;

import io.sluice.stack.LocalStack;
import io.sluice.stack.StackStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code sluice run}: the whole pipeline on the local stack. Today it brings the stack up (or reuses a running
 * one) and stops there, saying which stages are still to come.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the pipeline end to end on the local stack: up, generate, land in both sinks, benchmark.")
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private UpCommand.StackOptions stack;

    @Option(names = "--benchmark", paramLabel = "NAME", description = "tpch or tpcds. Default: ${DEFAULT-VALUE}.")
    private String benchmark = "tpch";

    @Option(names = "--scale-factor", paramLabel = "SF", description = "TPC scale factor. Default: ${DEFAULT-VALUE}.")
    private String scaleFactor = "0.1";

    @Override
    public Integer call() {
        StackStatus status = LocalStack.up(stack.settings());
        StatusView.print(spec.commandLine().getOut(), status, false);
        spec.commandLine().getErr().printf(
                "error: the local stack is up, but the pipeline for %s at scale factor %s is not built yet "
                        + "(generator: issue 3, landers: issues 4-5, completion: issue 6, benchmarks: issue 7). "
                        + "Stop the stack with ./sluice down.%n", benchmark, scaleFactor);
        return SluiceCommand.EXIT_FAILURE;
    }
}
