package io.sluice.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Shows the progress of a long step: a bar redrawn in place on a terminal, otherwise a plain line at most every
 * {@code interval} so that logs and CI output stay readable.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastPrintNanos;
    private boolean drawn;

    ProgressBar(PrintWriter out, boolean terminal, Duration interval) {
        this.out = requireNonNull(out, "out");
        this.terminal = terminal;
        this.intervalNanos = interval.toNanos();
        this.lastPrintNanos = System.nanoTime() - intervalNanos;
    }

    /** A bar on stderr when it is a terminal, else a line every 10 seconds. */
    static ProgressBar forStandardError(PrintWriter err) {
        boolean terminal = Optional.ofNullable(System.console()).map(console -> console.isTerminal()).orElse(false);
        return new ProgressBar(err, terminal, terminal ? Duration.ofMillis(200) : Duration.ofSeconds(10));
    }

    /** @param fraction done so far, 0 to 1, or empty when unknown */
    void update(String label, Optional<Double> fraction, String detail) {
        long now = System.nanoTime();
        if (now - lastPrintNanos < intervalNanos) {
            return;
        }
        lastPrintNanos = now;
        String percent = fraction.map(f -> "%3d%%".formatted(Math.round(Math.min(1, Math.max(0, f)) * 100))).orElse("   ?");
        if (terminal) {
            int filled = (int) Math.round(fraction.orElse(0.0) * WIDTH);
            String bar = "#".repeat(Math.min(WIDTH, filled)) + ".".repeat(Math.max(0, WIDTH - filled));
            out.print("\r\033[2K" + label + " [" + bar + "] " + percent + " " + detail);
            drawn = true;
        }
        else {
            out.println(label + " " + percent.strip() + " " + detail);
        }
        out.flush();
    }

    /** Ends the bar's line so that what follows starts on a fresh one. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }

    static String rate(double rowsPerSecond) {
        if (rowsPerSecond >= 1_000_000) {
            return "%.2fM rows/s".formatted(rowsPerSecond / 1_000_000);
        }
        return "%.0fk rows/s".formatted(rowsPerSecond / 1_000);
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 3600 ? "%d:%02d:%02d".formatted(seconds / 3600, seconds / 60 % 60, seconds % 60) : "%d:%02d".formatted(seconds / 60, seconds % 60);
    }
}
