package io.sluice.stack;

/**
 * Told how the artifacts the stack needs are fetched: once per artifact found in the cache, and for a fetch
 * its start, a {@link Download.Phase#RUNNING} update about twice a second while the fetching tool runs, and
 * its end. Called on the thread that asked for the artifact.
 */
@FunctionalInterface
public interface DownloadProgress {
    void onDownload(Download download);

    static DownloadProgress none() {
        return _ -> {};
    }
}
