package io.sluice.cli;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.Optional;

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
                GenerateCommand.class,
                IngestCommand.class,
                TriggerCommand.class,
                WatchCommand.class,
                QueryCommand.class,
                FaultCommand.class,
                QueryRunnerCommand.class,
                ReportCommand.class,
                BenchCommand.class,
                PlanCommand.class,
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
        Optional<String> logFormat = LogFormat.problem(System.getenv(LogFormat.ENV));
        if (logFormat.isPresent()) {
            System.err.println("error: " + logFormat.get());
            System.exit(EXIT_USAGE);
        }
        System.exit(commandLine().execute(args));
    }

    /** The full command tree with one-line errors; tests execute it in-process. */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new SluiceCommand());
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

    /**
     * Every failure is one line naming what failed (none for a {@link StoppedByHookException}: its hook said it); the
     * stack trace goes to the debug log ({@code SLUICE_LOG_LEVEL=DEBUG}) for the rare case where the message is not
     * enough.
     */
    private static int executionError(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (!(e instanceof StoppedByHookException)) {
            PrintWriter err = cmd.getErr();
            err.println("error: " + describe(e));
            err.flush();
        }
        LoggerFactory.getLogger(SluiceCommand.class).debug("{} failed", cmd.getCommandSpec().qualifiedName(), e);
        return EXIT_FAILURE;
    }

    /** The exception's message, with its causes' where they add something. */
    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = Optional.ofNullable(cause.getMessage()).orElse(cause.getClass().getSimpleName());
            // a wrapper such as ExecutionException repeats its cause as "class: message"; the cause says it next
            boolean wrapper = cause.getCause() != null && message.equals(cause.getCause().toString());
            if (!wrapper && !text.toString().contains(message)) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return text.toString().replace('\n', ' ');
    }
}
