package io.sluice.stack;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The HTTP side of the servers' health probes. It speaks HTTP/1.1, as the servers' own clients do: the JDK client's
 * default h2c upgrade once read a large Trino answer as an HTTP/2 frame. A server that does not answer, or cannot be
 * asked (a malformed address), is simply not healthy yet, so every failure is an empty answer.
 */
public final class HttpProbe implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final HttpClient client;

    private HttpProbe(HttpClient client) {
        this.client = client;
    }

    public static HttpProbe open() {
        return new HttpProbe(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build());
    }

    /** One {@code GET url} on a probe of its own. */
    public static Optional<HttpResponse<String>> get(String url) {
        try (HttpProbe probe = open()) {
            return probe.send(url, HttpRequest.Builder::GET);
        }
    }

    /**
     * Sends a request to {@code url} that {@code method} completes (method, headers, body), with the probe's timeout;
     * empty if it could not be sent or got no answer.
     */
    public Optional<HttpResponse<String>> send(String url, UnaryOperator<HttpRequest.Builder> method) {
        requireNonNull(url, "url is null");
        requireNonNull(method, "method is null");
        try {
            HttpRequest request = method.apply(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)).build();
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
