package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

class HttpProbeTest {
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add("%s %s %s upgrade=%s".formatted(exchange.getRequestMethod(), exchange.getRequestURI(), exchange.getProtocol(),
                    exchange.getRequestHeaders().getOrDefault("Upgrade", List.of())));
            byte[] body = "Ok.".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void asksInHttp11WithoutOfferingAnUpgrade() {
        assertThat(HttpProbe.get(base() + "/ping")).get()
                .extracting(HttpResponse::body).isEqualTo("Ok.");

        try (HttpProbe probe = HttpProbe.open()) {
            assertThat(probe.send(base() + "/v1/statement", request -> request.header("X-Trino-User", "sluice").POST(HttpRequest.BodyPublishers.ofString("SELECT 1"))))
                    .get().extracting(HttpResponse::statusCode).isEqualTo(200);
        }

        assertThat(seen).containsExactly("GET /ping HTTP/1.1 upgrade=[]", "POST /v1/statement HTTP/1.1 upgrade=[]");
    }

    @Test
    void aServerThatCannotBeReachedOrNamedHasNoAnswer() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }

        assertThat(HttpProbe.get("http://127.0.0.1:" + closed + "/ping")).isEmpty();
        assertThat(HttpProbe.get("http://127.0.0.1:not-a-port/ping")).isEmpty();
        assertThat(seen).isEmpty();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
