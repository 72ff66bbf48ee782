package io.sluice.queryrunner.service;

import io.sluice.ops.LogInterval;
import io.sluice.queryrunner.run.Execution;
import io.sluice.queryrunner.run.ExecutionListener;
import io.sluice.queryrunner.run.ExecutionStatus;

import java.util.function.Consumer;

import static io.sluice.schema.Arguments.requireAtLeast;
import static java.util.Objects.requireNonNull;

/**
 * A benchmark run's progress as a log line at most once per interval: a run at a large scale factor takes hours,
 * and a pod's log is where an operator looks. Executions that are not ok are logged by the runner as they end.
 */
final class RunProgressLog
        implements ExecutionListener
{
    private final String runId;
    private final long total;
    private final LogInterval interval;
    private final Consumer<String> log;
    private long done;
    private long notOk;

    /**
     * @param total the plan's executions, warm-ups included
     */
    RunProgressLog(String runId, long total, LogInterval interval, Consumer<String> log)
    {
        this.runId = requireNonNull(runId, "runId is null");
        this.total = requireAtLeast(total, 1, "total");
        this.interval = requireNonNull(interval, "interval is null");
        this.log = requireNonNull(log, "log is null");
    }

    // executions of a plan with concurrency > 1 end on several threads
    @Override
    public synchronized void onExecution(Execution execution)
    {
        done++;
        if (execution.status() != ExecutionStatus.OK) {
            notOk++;
        }
        // the last one is the runner's own closing line
        if (done < total && interval.due()) {
            log.accept("run %s: %d/%d executions (%d%%), %d not ok; last: %s %s run %d %s in %d ms".formatted(runId, done, total, done * 100L / total, notOk,
                    execution.engine(), execution.query(), execution.run(), execution.status().label(), execution.wallMs()));
        }
    }
}
