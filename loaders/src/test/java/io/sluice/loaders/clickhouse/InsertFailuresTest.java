package io.sluice.loaders.clickhouse;

import com.clickhouse.client.api.ServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ConnectException;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;

class InsertFailuresTest
{
    @ParameterizedTest
    // short of memory, disk or quota, too many parts, the table being recreated, a wrong password, a setting the server
    // does not know or a profile forbids, a lock given up during an ALTER, a failed write, Keeper gone, a network
    // library's error: none is about the rows
    @ValueSource(ints = {241, 243, 201, 252, 60, 516, 115, 452, 473, 75, 225, 1000})
    void failuresOfTheMomentAreRetried(int code)
    {
        RuntimeException classified = InsertFailures.classify("insert into tpch_sf1.lineitem", new ExecutionException(serverError(code)));

        assertThat(classified).isInstanceOf(RetryableInsertException.class).hasMessageStartingWith("insert into tpch_sf1.lineitem failed with ");
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 504, 429, 413})
    void anHttpErrorWithoutClickHousesCodeIsAProxysAndIsRetried(int status)
    {
        // what clickhouse-jdbc makes of an HTTP error without X-ClickHouse-Exception-Code; before, it rejected the batch
        ServerException gateway = new ServerException(ServerException.CODE_UNKNOWN, "<html>%d Gateway error</html>".formatted(status), status, "query-1");

        assertThat(InsertFailures.classify("insert into tpch_sf1.lineitem", new ExecutionException(gateway))).isInstanceOf(RetryableInsertException.class)
                .hasMessageStartingWith("insert into tpch_sf1.lineitem failed with HTTP %d from something other than ClickHouse, will retry: ".formatted(status));
    }

    @Test
    void aFailureWithoutAnAnswerFromTheServerIsRetried()
    {
        assertThat(InsertFailures.classify("insert", new ConnectException("Connection refused"))).isInstanceOf(RetryableInsertException.class);
    }

    @ParameterizedTest
    // CANNOT_PARSE_TEXT, TYPE_MISMATCH, TOO_LARGE_STRING_SIZE: the rows themselves
    @ValueSource(ints = {6, 53, 131})
    void failuresAboutTheRowsRejectTheBatch(int code)
    {
        RuntimeException classified = InsertFailures.classify("insert into tpch_sf1.lineitem", serverError(code));

        assertThat(classified).isInstanceOfSatisfying(RejectedInsertException.class, rejected -> assertThat(rejected.errorCode()).isEqualTo(code))
                .hasMessageContaining("(code %d)".formatted(code));
    }

    private static ServerException serverError(int code)
    {
        return new ServerException(code, "Code: %d. DB::Exception: failed".formatted(code), 500, "query-1");
    }
}
