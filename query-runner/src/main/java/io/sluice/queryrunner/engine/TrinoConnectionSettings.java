package io.sluice.queryrunner.engine;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How to reach Trino. {@code catalog} holds the datasets' schemas ({@code hive}). {@code toString} hides
 * the password.
 */
public record TrinoConnectionSettings(String jdbcUrl, String user, Optional<String> password, String catalog)
{
    public TrinoConnectionSettings
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(catalog, "catalog is null");
        if (!jdbcUrl.startsWith("jdbc:trino://")) {
            throw new IllegalArgumentException("Trino JDBC URL '%s' must start with jdbc:trino://".formatted(jdbcUrl));
        }
        if (user.isBlank() || catalog.isBlank()) {
            throw new IllegalArgumentException("Trino user and catalog must not be blank");
        }
    }

    @Override
    public String toString()
    {
        return "TrinoConnectionSettings[jdbcUrl=%s, user=%s, password=%s, catalog=%s]".formatted(jdbcUrl, user, password.isPresent() ? "***" : "none", catalog);
    }
}
