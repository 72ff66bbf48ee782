package io.sluice.queryrunner.run;

/**
 * Told of every execution as soon as it ends, e.g. to publish it on {@code sluice.results}.
 */
@FunctionalInterface
public interface ExecutionListener
{
    void onExecution(Execution execution);

    static ExecutionListener none()
    {
        return _ -> {};
    }
}
