package io.sluice.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process execution of the {@code sluice} command tree, with what it printed. */
record CliRun(int exitCode, String out, String err) {
    static CliRun execute(String... args) {
        CommandLine commandLine = SluiceCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new CliRun(commandLine.execute(args), out.toString(), err.toString());
    }
}
