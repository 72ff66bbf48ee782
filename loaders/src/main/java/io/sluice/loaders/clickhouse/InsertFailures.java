package io.sluice.loaders.clickhouse;

import com.clickhouse.client.api.ServerException;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sorts a failed insert into {@link RetryableInsertException} or {@link RejectedInsertException}.
 * Only an error ClickHouse reports about the statement and its data rejects a batch; everything else —
 * no answer, a lost connection, a timeout, the server or Keeper busy, short of memory, parts or disk, over a
 * quota, and configuration errors such as a wrong password, which an operator fixes — is retried, because Kafka
 * keeps the batch and sending it to the dead-letter topic would lose its place for good.
 */
final class InsertFailures
{
    // ClickHouse error codes (src/Common/ErrorCodes.cpp) that describe the moment, not the data
    private static final Map<Integer, String> TRANSIENT = Map.ofEntries(
            Map.entry(60, "UNKNOWN_TABLE"),
            Map.entry(75, "CANNOT_WRITE_TO_FILE_DESCRIPTOR"),
            Map.entry(81, "UNKNOWN_DATABASE"),
            Map.entry(115, "UNKNOWN_SETTING"),
            Map.entry(159, "TIMEOUT_EXCEEDED"),
            Map.entry(160, "TOO_SLOW"),
            Map.entry(164, "READONLY"),
            Map.entry(173, "CANNOT_ALLOCATE_MEMORY"),
            Map.entry(201, "QUOTA_EXCEEDED"),
            Map.entry(194, "REQUIRED_PASSWORD"),
            Map.entry(202, "TOO_MANY_SIMULTANEOUS_QUERIES"),
            Map.entry(203, "NO_FREE_CONNECTION"),
            Map.entry(209, "SOCKET_TIMEOUT"),
            Map.entry(210, "NETWORK_ERROR"),
            Map.entry(218, "TABLE_IS_DROPPED"),
            Map.entry(225, "NO_ZOOKEEPER"),
            Map.entry(236, "ABORTED"),
            Map.entry(241, "MEMORY_LIMIT_EXCEEDED"),
            Map.entry(242, "TABLE_IS_READ_ONLY"),
            Map.entry(243, "NOT_ENOUGH_SPACE"),
            Map.entry(252, "TOO_MANY_PARTS"),
            Map.entry(285, "TOO_FEW_LIVE_REPLICAS"),
            Map.entry(319, "UNKNOWN_STATUS_OF_INSERT"),
            Map.entry(394, "QUERY_WAS_CANCELLED"),
            Map.entry(425, "SYSTEM_ERROR"),
            Map.entry(439, "CANNOT_SCHEDULE_TASK"),
            Map.entry(452, "SETTING_CONSTRAINT_VIOLATION"),
            Map.entry(473, "DEADLOCK_AVOIDED"),
            Map.entry(497, "ACCESS_DENIED"),
            Map.entry(516, "AUTHENTICATION_FAILED"),
            Map.entry(999, "KEEPER_EXCEPTION"),
            Map.entry(1000, "POCO_EXCEPTION"));

    private InsertFailures() {}

    static RuntimeException classify(String what, Throwable failure)
    {
        Throwable cause = unwrap(failure);
        Optional<ServerException> server = serverException(cause);
        if (server.isEmpty()) {
            return new RetryableInsertException("%s failed, will retry: %s".formatted(what, oneLine(cause)), cause);
        }
        int code = server.get().getCode();
        if (code == ServerException.CODE_UNKNOWN) {
            // an HTTP error without ClickHouse's error code: a proxy, load balancer or gateway answered (503, 504, 429,
            // or 401, 413 where it is set up wrong), not ClickHouse, which may not have seen the rows at all; none is a
            // judgement on the rows, and an operator fixes the others
            return new RetryableInsertException("%s failed with HTTP %d from something other than ClickHouse, will retry: %s"
                    .formatted(what, server.get().getTransportProtocolCode(), oneLine(cause)), cause);
        }
        if (TRANSIENT.containsKey(code) || server.get().isRetryable()) {
            return new RetryableInsertException("%s failed with %s, will retry: %s".formatted(what, TRANSIENT.getOrDefault(code, "code " + code), oneLine(cause)), cause);
        }
        return new RejectedInsertException("%s rejected by ClickHouse (code %d): %s".formatted(what, code, oneLine(cause)), code, cause);
    }

    /** Whether the failure says the database or table is gone, so that creating it again may help. */
    static boolean isMissingTable(Throwable failure)
    {
        return serverException(unwrap(failure)).map(ServerException::getCode).filter(code -> code == 60 || code == 81).isPresent();
    }

    private static Throwable unwrap(Throwable failure)
    {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static Optional<ServerException> serverException(Throwable failure)
    {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ServerException server) {
                return Optional.of(server);
            }
        }
        return Optional.empty();
    }

    private static String oneLine(Throwable failure)
    {
        String message = String.valueOf(failure.getMessage());
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return failure.getClass().getSimpleName() + ": " + (line.length() > 500 ? line.substring(0, 500) + "…" : line);
    }
}
