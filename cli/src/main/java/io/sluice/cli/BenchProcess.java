package io.sluice.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static java.util.Objects.requireNonNull;

/**
 * {@code sluice bench --json} for one scale factor in a JVM of its own, started like this one (same java, JVM
 * flags and class path). A JVM keeps the heap it has grown, so runs sharing one would each start where the one
 * before left off; in fresh JVMs, each scale factor's memory is its own.
 */
final class BenchProcess
{
    private static final ObjectMapper JSON = new ObjectMapper();
    // the child stops its stacks when it gets SIGTERM; a stack's servers take seconds each to stop
    private static final Duration CHILD_STOP = Duration.ofMinutes(1);

    private final List<String> jvm;

    /** @param jvm the command that starts a JVM running {@code SluiceCommand}, to which the bench arguments are added */
    BenchProcess(List<String> jvm)
    {
        this.jvm = List.copyOf(jvm);
    }

    /** A launcher of this very JVM: its executable, input arguments and class path. */
    static BenchProcess likeThisJvm()
    {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(SluiceCommand.class.getName());
        return new BenchProcess(command);
    }

    /** The full command line of a child bench given its arguments (after {@code bench}). */
    List<String> command(List<String> benchArguments)
    {
        List<String> command = new ArrayList<>(jvm);
        command.add("bench");
        command.add("--json");
        command.addAll(benchArguments);
        return command;
    }

    /**
     * Runs the child to its end; its log (stderr) goes to ours, its stdout is the report.
     *
     * @return the child's JSON report
     */
    JsonNode run(List<String> benchArguments)
            throws IOException, InterruptedException
    {
        requireNonNull(benchArguments, "benchArguments is null");
        // Ctrl-C reaches the child too (it is in this process's group), but a SIGTERM to this process alone (kill, a
        // timeout) does not: without this, the child went on with its stacks and the run dir's lock. Registered before
        // the child starts, so a SIGTERM right after its start finds it (one in between the hook came too late for)
        AtomicReference<Process> child = new AtomicReference<>();
        Thread stopChild = Thread.ofPlatform().name("sluice-bench-child-stop").unstarted(() -> Optional.ofNullable(child.get()).ifPresent(process -> {
            process.destroy();
            try {
                process.waitFor(CHILD_STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Runtime.getRuntime().addShutdownHook(stopChild);
        byte[] report;
        int exit;
        try {
            Process process = new ProcessBuilder(command(benchArguments))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            child.set(process);
            process.getOutputStream().close();
            report = process.getInputStream().readAllBytes();
            exit = process.waitFor();
        }
        finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            }
            catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running
            }
        }
        if (exit != 0) {
            throw new IllegalStateException("the bench of %s in its own JVM failed (exit %d); its error is logged above".formatted(benchArguments, exit));
        }
        return JSON.readTree(report);
    }
}
