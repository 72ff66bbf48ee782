package io.sluice.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A subcommand whose capability has not landed yet: it says so, names the issue that tracks it, and fails,
 * so a script never mistakes it for a step that ran.
 */
@Command(mixinStandardHelpOptions = true)
final class PendingCommand implements Callable<Integer> {
    /** Subcommand name to the capability it will run and the issue that builds it. */
    private static final Map<String, String> PENDING = Map.of(
            "query-runner", "the benchmark query runner (issue 7)",
            "report", "re-rendering benchmark reports (issue 7)");

    @Spec
    private CommandSpec spec;

    /** Options of the command to come are accepted, so that the error names what is missing rather than a flag. */
    @Unmatched
    private final List<String> arguments = new ArrayList<>();

    static void addAll(CommandLine parent) {
        PENDING.keySet().stream().sorted().forEach(name -> {
            parent.addSubcommand(name, new PendingCommand());
            parent.getSubcommands().get(name).getCommandSpec().usageMessage()
                    .description("Not built yet: " + PENDING.get(name) + ".");
        });
    }

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        commandLine.getErr().printf("error: '%s' is not built yet: %s is still to come.%n", spec.qualifiedName(), PENDING.get(spec.name()));
        commandLine.getErr().flush();
        return SluiceCommand.EXIT_FAILURE;
    }
}
