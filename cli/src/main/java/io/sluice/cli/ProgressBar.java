package io.sluice.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Shows the progress of a long step: a bar redrawn in place on a terminal, otherwise a plain line at most every
 * {@code interval} so that logs and CI output stay readable.
 *
 * <p>On a terminal the bar is cut to the terminal's width: a line that wraps cannot be redrawn in place (the
 * carriage return goes back to its last row only, so every redraw would leave a row behind). Log lines start by
 * clearing the bar's line ({@link ClearLineConverter}), and the next update draws the bar below them.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final int DEFAULT_COLUMNS = 80;
    static final String CLEAR_LINE = "\r\033[2K";
    private static final int STANDARD_ERROR = 2;

    private final PrintWriter out;
    private final boolean terminal;
    private final int columns;
    private final long intervalNanos;
    private long lastPrintNanos;
    private boolean drawn;
    private Optional<String> pending = Optional.empty();

    /** @param columns the terminal's width; lines are cut to one less so the cursor never wraps */
    ProgressBar(PrintWriter out, boolean terminal, int columns, Duration interval) {
        this.out = requireNonNull(out, "out");
        this.terminal = terminal;
        if (columns < 20) {
            throw new IllegalArgumentException("a terminal narrower than 20 columns cannot show a bar: " + columns);
        }
        this.columns = columns;
        this.intervalNanos = interval.toNanos();
        this.lastPrintNanos = System.nanoTime() - intervalNanos;
    }

    /** A bar on stderr when it is a terminal, else a line every 10 seconds. */
    static ProgressBar forStandardError(PrintWriter err) {
        boolean terminal = isTerminal();
        return terminal
                ? new ProgressBar(err, true, terminalColumns(), Duration.ofMillis(200))
                : new ProgressBar(err, false, DEFAULT_COLUMNS, Duration.ofSeconds(10));
    }

    /**
     * Whether standard error, where bars and log lines go, is a terminal: libc's {@code isatty(2)}. The JDK's
     * {@code Console} answers for standard input and output, so {@code 2> file} drew bars into the file and
     * {@code > file} left a terminal with a line every 10 seconds.
     */
    static boolean isTerminal() {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> isatty = linker.defaultLookup().find("isatty");
        if (isatty.isEmpty()) {
            return consoleIsTerminal();
        }
        try {
            return (int) linker.downcallHandle(isatty.get(), FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)).invokeExact(STANDARD_ERROR) == 1;
        }
        catch (RuntimeException e) {
            // no native access granted to this JVM (the sluice script and the image grant it)
            return consoleIsTerminal();
        }
        catch (Throwable e) {
            throw new IllegalStateException("isatty failed", e);
        }
    }

    private static boolean consoleIsTerminal() {
        return Optional.ofNullable(System.console()).map(console -> console.isTerminal()).orElse(false);
    }

    /** @param fraction done so far, 0 to 1, or empty when unknown */
    void update(String label, Optional<Double> fraction, String detail) {
        String percent = fraction.map(f -> "%3d%%".formatted(Math.round(Math.min(1, Math.max(0, f)) * 100))).orElse("   ?");
        String line;
        if (terminal) {
            int filled = (int) Math.round(Math.min(1, Math.max(0, fraction.orElse(0.0))) * WIDTH);
            line = fit(label + " [" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + " " + detail);
        }
        else {
            line = label + " " + percent.strip() + " " + detail;
        }
        long now = System.nanoTime();
        if (now - lastPrintNanos < intervalNanos) {
            // kept for finish(), so the last state is shown even when it came too soon after the one before
            pending = Optional.of(line);
            return;
        }
        lastPrintNanos = now;
        print(line);
    }

    /** Shows the last state if it was held back, then ends the bar's line so that what follows starts on a fresh one. */
    void finish() {
        pending.ifPresent(this::print);
        if (drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }

    private void print(String line) {
        pending = Optional.empty();
        if (terminal) {
            out.print(CLEAR_LINE + line);
            drawn = true;
        }
        else {
            out.println(line);
        }
        out.flush();
    }

    private String fit(String line) {
        return line.length() < columns ? line : line.substring(0, columns - 2) + "…";
    }

    /** {@code COLUMNS} if the shell exported it, else what {@code stty} says of the controlling terminal, else 80. */
    private static int terminalColumns() {
        Optional<Integer> fromEnvironment = Optional.ofNullable(System.getenv("COLUMNS")).flatMap(ProgressBar::positive);
        return fromEnvironment.or(ProgressBar::sttyColumns).filter(columns -> columns >= 20).orElse(DEFAULT_COLUMNS);
    }

    private static Optional<Integer> sttyColumns() {
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (!stty.waitFor(2, TimeUnit.SECONDS)) {
                stty.destroyForcibly();
                return Optional.empty();
            }
            String[] size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().split("\\s+");
            return size.length == 2 ? positive(size[1]) : Optional.empty();
        }
        catch (IOException e) {
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Integer> positive(String text) {
        try {
            int value = Integer.parseInt(text.strip());
            return value > 0 ? Optional.of(value) : Optional.empty();
        }
        catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String rate(double rowsPerSecond) {
        if (rowsPerSecond >= 1_000_000) {
            return "%.2fM rows/s".formatted(rowsPerSecond / 1_000_000);
        }
        if (rowsPerSecond >= 1_000) {
            return "%.0fk rows/s".formatted(rowsPerSecond / 1_000);
        }
        return "%.0f rows/s".formatted(rowsPerSecond);
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60) : "%d:%02d".formatted(seconds / 60, seconds % 60);
    }
}
