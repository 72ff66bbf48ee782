package io.sluice.queryrunner.run;

import io.sluice.schema.result.QueryStatus;

import java.util.Locale;

/**
 * How one execution ended, as results files write it ({@code ok}, {@code failed}, {@code timeout},
 * {@code wrong_result}). On {@code sluice.results} a wrong result is {@code FAILED} with an error starting
 * {@code wrong result:} and {@code validated=false}: a fast wrong answer is not a result.
 */
public enum ExecutionStatus
{
    OK(QueryStatus.SUCCEEDED),
    FAILED(QueryStatus.FAILED),
    TIMEOUT(QueryStatus.TIMED_OUT),
    WRONG_RESULT(QueryStatus.FAILED);

    private final QueryStatus queryStatus;

    ExecutionStatus(QueryStatus queryStatus)
    {
        this.queryStatus = queryStatus;
    }

    public QueryStatus queryStatus()
    {
        return queryStatus;
    }

    public String label()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
