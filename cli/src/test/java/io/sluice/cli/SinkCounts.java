package io.sluice.cli;

import io.sluice.stack.StackStatus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Row counts where {@code sluice run} landed a table: through a Trino statement, and in ClickHouse over HTTP. */
final class SinkCounts {
    private SinkCounts() {}

    static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getLong(1);
        }
    }

    static long clickhouseCount(StackStatus stack, String table) throws IOException, InterruptedException {
        String query = URLEncoder.encode("SELECT count() FROM " + table, StandardCharsets.UTF_8);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create(stack.endpoint("clickhouse", "httpUrl") + "/?query=" + query)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return Long.parseLong(response.body().strip());
        }
    }
}
