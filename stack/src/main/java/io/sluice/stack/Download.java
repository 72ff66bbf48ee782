package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where the fetch of one artifact stands, as {@link Artifacts} tells a {@link DownloadProgress}.
 *
 * @param artifact what is fetched: Maven coordinates or an npm package spec
 * @param bytes bytes so far: while {@link Phase#RUNNING}, what could be measured of the files growing on disk
 *     (0 where nothing can be seen); when {@link Phase#FINISHED} or {@link Phase#CACHED}, the artifact's size
 * @param totalBytes the size to expect, when the fetch knows it before the end (Maven and npm do not say, so
 *     {@link Artifacts} leaves it empty today; a listener shows a fraction when it is there)
 * @param elapsed since the fetch started (zero for a cached artifact)
 */
public record Download(String artifact, Phase phase, long bytes, OptionalLong totalBytes, Duration elapsed) {
    public enum Phase {
        /** Already in the cache: nothing is fetched. */
        CACHED,
        STARTED,
        RUNNING,
        FINISHED,
        FAILED,
    }

    public Download {
        requireNonNull(artifact, "artifact");
        requireNonNull(phase, "phase");
        requireNonNull(totalBytes, "totalBytes");
        requireNonNull(elapsed, "elapsed");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, got " + bytes);
        }
    }

    /** Done so far, 0 to 1: known at the end, and before it only when the total is. */
    public Optional<Double> fraction() {
        if (phase == Phase.FINISHED || phase == Phase.CACHED) {
            return Optional.of(1.0);
        }
        return totalBytes.stream().filter(total -> total > 0).mapToObj(total -> Math.min(1.0, (double) bytes / total)).findFirst();
    }

    /** Bytes per second over the elapsed time; 0 before any time has passed. */
    public double bytesPerSecond() {
        long millis = elapsed.toMillis();
        return millis == 0 ? 0 : bytes * 1000.0 / millis;
    }
}
