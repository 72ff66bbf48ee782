package io.sluice.generator.progress;

/**
 * Receives a generator run's progress: after every committed or skipped sub-chunk and about once a second
 * while a sub-chunk is being written. Called on the generating thread, so it must return quickly.
 */
@FunctionalInterface
public interface ProgressListener
{
    ProgressListener NONE = _ -> {};

    void onProgress(GenerationProgress progress);
}
