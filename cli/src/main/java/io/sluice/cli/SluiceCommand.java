package io.sluice.cli;

import io.sluice.stack.StackException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** The {@code sluice} command: one entry point for the local stack, the pipeline services and the benchmarks. */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceVersion.class,
        description = "Event-driven ingestion and benchmark pipeline for Trino, ClickHouse and Spark.",
        subcommands = {
                RunCommand.class,
                UpCommand.class,
                DownCommand.class,
                StatusCommand.class,
        })
public final class SluiceCommand implements Runnable {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree with one-line errors; tests execute it in-process. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SluiceCommand());
        PendingCommand.addAll(commandLine);
        commandLine.setParameterExceptionHandler(SluiceCommand::usageError);
        commandLine.setExecutionExceptionHandler(SluiceCommand::executionError);
        return commandLine;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return EXIT_USAGE;
    }

    private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        if (e instanceof StackException || e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
        }
        else {
            err.println("error: " + cmd.getCommandSpec().qualifiedName() + " failed: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return EXIT_FAILURE;
    }
}
