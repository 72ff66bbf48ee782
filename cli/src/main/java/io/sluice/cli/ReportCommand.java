package io.sluice.cli;

import io.sluice.queryrunner.report.ReportRenderer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code sluice report RUN [--baseline RUN]}: renders a benchmark run's {@code report.html} again, optionally against a baseline. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Re-render a benchmark run's report.html from its results.json, optionally compared with a baseline run.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run's directory (it holds results.json).")
    private Path run;

    @Option(names = "--baseline", paramLabel = "RUN", description = "A baseline run's directory: the report adds the geometric mean of ratios.")
    private Path baseline;

    @Override
    public Integer call() {
        requireRunDirectory("RUN", run);
        Optional.ofNullable(baseline).ifPresent(dir -> requireRunDirectory("--baseline", dir));
        Path report = ReportRenderer.render(run, Optional.ofNullable(baseline));
        spec.commandLine().getOut().println("report: " + report.toAbsolutePath());
        return 0;
    }

    /** A directory without results.json is a usage error: the user named the wrong one. */
    private void requireRunDirectory(String name, Path dir) {
        if (!Files.isRegularFile(dir.resolve("results.json"))) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "%s: %s is not a benchmark run directory: it has no results.json (runs are under <run dir>/results/<run id>)".formatted(name, dir));
        }
    }
}
