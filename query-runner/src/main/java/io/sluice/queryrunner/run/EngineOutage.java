package io.sluice.queryrunner.run;

import io.sluice.queryrunner.engine.EngineDriver;
import io.sluice.schema.dataset.DatasetId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * Holds a run's next query on an engine while the engine cannot be reached after a failed one. A query on a
 * stopped engine fails in milliseconds, so without the wait a plan fails through all its executions while the
 * engine restarts (a Trino killed by a fault run takes ~20 s), and the first success after the outage, which a fault
 * run measures recovery by, never comes. The wait lasts at most {@code limit} per run and engine: an engine still
 * unreachable then fails the rest of its executions at once. Trino's and ClickHouse's drivers connect on the first
 * query, so an engine down from the start also costs one such wait.
 */
final class EngineOutage
{
    private static final Logger LOG = LoggerFactory.getLogger(EngineOutage.class);
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final String runId;
    private final EngineDriver driver;
    private final DatasetId dataset;
    private final Duration limit;
    private final AtomicBoolean gaveUp = new AtomicBoolean();

    EngineOutage(String runId, EngineDriver driver, DatasetId dataset, Duration limit)
    {
        this.runId = requireNonNull(runId, "runId is null");
        this.driver = requireNonNull(driver, "driver is null");
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.limit = requireNonNull(limit, "limit is null");
    }

    /**
     * After a failed execution: returns at once if the engine answers (the query itself failed), else once it
     * answers again or the wait has lasted {@code limit}.
     */
    void awaitAfterFailure()
            throws InterruptedException
    {
        if (gaveUp.get() || driver.answers(dataset)) {
            return;
        }
        long started = System.nanoTime();
        LOG.warn("run {}: {} cannot be reached; the next query waits for it, up to {} s", runId, driver.engine(), limit.toSeconds());
        while (!driver.answers(dataset)) {
            if (System.nanoTime() - started >= limit.toNanos()) {
                if (gaveUp.compareAndSet(false, true)) {
                    LOG.warn("run {}: {} still cannot be reached after {} s; its remaining queries run without waiting", runId, driver.engine(), limit.toSeconds());
                }
                return;
            }
            Thread.sleep(PROBE_INTERVAL);
        }
        LOG.info("run {}: {} answers again after {} ms; the run goes on", runId, driver.engine(), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
