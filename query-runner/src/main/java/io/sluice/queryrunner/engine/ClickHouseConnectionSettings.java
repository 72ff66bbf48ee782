package io.sluice.queryrunner.engine;

import static java.util.Objects.requireNonNull;

/**
 * How to reach ClickHouse over clickhouse-jdbc. {@code toString} hides the password.
 */
public record ClickHouseConnectionSettings(String jdbcUrl, String user, String password)
{
    public ClickHouseConnectionSettings
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        if (!jdbcUrl.startsWith("jdbc:clickhouse:") && !jdbcUrl.startsWith("jdbc:ch:")) {
            throw new IllegalArgumentException("ClickHouse JDBC URL '%s' must start with jdbc:clickhouse: or jdbc:ch:".formatted(jdbcUrl));
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("ClickHouse user must not be blank");
        }
    }

    @Override
    public String toString()
    {
        return "ClickHouseConnectionSettings[jdbcUrl=%s, user=%s, password=%s]".formatted(jdbcUrl, user, password.isEmpty() ? "none" : "***");
    }
}
