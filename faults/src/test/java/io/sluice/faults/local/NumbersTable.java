package io.sluice.faults.local;

import io.sluice.faults.Observation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A ClickHouse table of the numbers below {@code rows}: its sum, checked against the arithmetic one, proves the data
 * came through a fault whole, not only that the server answered.
 */
record NumbersTable(String name, long rows)
{
    void create(Connection connection)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE %s (n UInt64) ENGINE = MergeTree ORDER BY n".formatted(name));
            statement.execute("INSERT INTO %s SELECT number FROM numbers(%d)".formatted(name, rows));
        }
    }

    /** One timed {@code sum(n)} on a new connection; ok when it answered the right sum. */
    Observation timedSum(String jdbcUrl)
    {
        long begin = System.currentTimeMillis();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "default", "")) {
            return timedSum(connection, begin);
        }
        catch (SQLException e) {
            return new Observation("clickhouse sum", begin, System.currentTimeMillis(), false);
        }
    }

    /** One timed {@code sum(n)} on an open connection; ok when it answered the right sum. */
    Observation timedSum(Connection connection)
    {
        return timedSum(connection, System.currentTimeMillis());
    }

    private Observation timedSum(Connection connection, long begin)
    {
        boolean ok;
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT sum(n) FROM " + name)) {
            ok = result.next() && result.getLong(1) == rows * (rows - 1) / 2;
        }
        catch (SQLException e) {
            ok = false;
        }
        return new Observation("clickhouse sum", begin, System.currentTimeMillis(), ok);
    }
}
