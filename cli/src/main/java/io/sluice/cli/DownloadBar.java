package io.sluice.cli;

import io.sluice.stack.Download;
import io.sluice.stack.DownloadProgress;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Shows each artifact the stack fetches on first use (server jars, ClickHouse's library, the Trino tarball, Spark's
 * jars) as a {@link ProgressBar} of its own, ending in a line with its size and time; what is already cached shows
 * nothing.
 */
final class DownloadBar implements DownloadProgress {
    private final Supplier<ProgressBar> newBar;
    private final Map<String, ProgressBar> open = new HashMap<>();

    DownloadBar(Supplier<ProgressBar> newBar) {
        this.newBar = requireNonNull(newBar, "newBar");
    }

    /** Bars on stderr when it is a terminal, else plain lines (see {@link ProgressBar#forStandardError}). */
    static DownloadBar onStandardError(PrintWriter err) {
        return new DownloadBar(() -> ProgressBar.forStandardError(err));
    }

    @Override
    public void onDownload(Download download) {
        if (download.phase() == Download.Phase.CACHED) {
            return;
        }
        String elapsed = ProgressBar.duration(download.elapsed());
        String detail = switch (download.phase()) {
            case STARTED, CACHED -> "starting";
            case RUNNING -> download.bytes() == 0
                    ? "running for " + elapsed
                    : "%s, %s, %s".formatted(megabytes(download.bytes()), megabytes((long) download.bytesPerSecond()) + "/s", elapsed);
            case FINISHED -> "%s in %s".formatted(megabytes(download.bytes()), elapsed);
            case FAILED -> "failed after " + elapsed;
        };
        ProgressBar bar = open.computeIfAbsent(download.artifact(), _ -> newBar.get());
        bar.update("download " + shortName(download.artifact()), download.fraction(), detail);
        if (download.phase() == Download.Phase.FINISHED || download.phase() == Download.Phase.FAILED) {
            bar.finish();
            open.remove(download.artifact());
        }
    }

    /**
     * Maven coordinates as {@code artifact:version} (several joined by {@code +}), so that a terminal line keeps room
     * for the size and time; npm specs as they are.
     */
    static String shortName(String artifact) {
        return Arrays.stream(artifact.split("\\+")).map(DownloadBar::artifactAndVersion).collect(Collectors.joining("+"));
    }

    private static String artifactAndVersion(String name) {
        String[] parts = name.split(":");
        return parts.length < 3 ? name : parts[1] + ":" + parts[2];
    }

    private static String megabytes(long bytes) {
        return "%.1f MB".formatted(bytes / 1e6);
    }
}
