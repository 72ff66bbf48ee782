package io.sluice.loaders.clickhouse;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * Where and as whom to connect: a clickhouse-jdbc URL ({@code jdbc:clickhouse://host:port[/db]},
 * {@code jdbc:clickhouse:http://…}, {@code jdbc:ch://…}; {@code https} and {@code jdbc:clickhouse:https://…}
 * for TLS), a user and a password (may be empty: the local stack's {@code default} user has none).
 * {@link #toString()} never shows the password.
 */
public record ClickHouseConnectionSettings(String jdbcUrl, String user, String password, Duration socketTimeout)
{
    private static final String[] JDBC_PREFIXES = {"jdbc:clickhouse:", "jdbc:ch:"};

    public ClickHouseConnectionSettings
    {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        requireNonNull(user, "user is null");
        requireNonNull(password, "password is null");
        requireNonNull(socketTimeout, "socketTimeout is null");
        if (user.isBlank()) {
            throw new IllegalArgumentException("ClickHouse user is empty; set one (the local stack's is 'default')");
        }
        if (socketTimeout.isNegative() || socketTimeout.isZero()) {
            throw new IllegalArgumentException("ClickHouse socket timeout must be positive, got " + socketTimeout);
        }
        httpEndpoint(jdbcUrl);
    }

    /**
     * The HTTP(S) endpoint the URL names, {@code http://host:port}, which the client-v2 API connects to.
     */
    public String httpEndpoint()
    {
        return httpEndpoint(jdbcUrl);
    }

    private static String httpEndpoint(String jdbcUrl)
    {
        String rest = null;
        for (String prefix : JDBC_PREFIXES) {
            if (jdbcUrl.startsWith(prefix)) {
                rest = jdbcUrl.substring(prefix.length());
            }
        }
        if (rest == null) {
            throw invalid(jdbcUrl, "it does not start with jdbc:clickhouse: or jdbc:ch:");
        }
        String url = rest.startsWith("//") ? "http:" + rest : rest;
        URI uri;
        try {
            uri = new URI(url);
        }
        catch (URISyntaxException e) {
            throw invalid(jdbcUrl, e.getReason());
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw invalid(jdbcUrl, "protocol " + uri.getScheme() + " is not HTTP(S)");
        }
        if (uri.getHost() == null) {
            throw invalid(jdbcUrl, "it names no host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 8443 : 8123);
        return "%s://%s:%d".formatted(uri.getScheme(), uri.getHost(), port);
    }

    private static IllegalArgumentException invalid(String jdbcUrl, String reason)
    {
        return new IllegalArgumentException("ClickHouse URL '%s' is not usable (%s); expected e.g. jdbc:clickhouse://127.0.0.1:8123/default".formatted(jdbcUrl, reason));
    }

    @Override
    public String toString()
    {
        return "ClickHouseConnectionSettings{jdbcUrl=%s, user=%s, password=%s, socketTimeout=%s}".formatted(jdbcUrl, user, password.isEmpty() ? "<empty>" : "***", socketTimeout);
    }
}
