package io.sluice.ops;

import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpsEndpointTest
{
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesTheRegistryAndJvmMetricsInPrometheusText()
            throws Exception
    {
        try (OpsEndpoint endpoint = OpsEndpoint.start(onFreePort())) {
            Counter.builder("sluice.rows.landed").tag("sink", "parquet").tag("dataset", "tpch.sf1").tag("table", "nation")
                    .register(endpoint.registry()).increment(25);

            HttpResponse<String> response = get(endpoint, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            ScrapedMetrics scraped = ScrapedMetrics.parse(response.body());
            assertThat(scraped.sum("sluice_rows_landed_total", Map.of("sink", "parquet", "table", "nation"))).isEqualTo(25);
            assertThat(scraped.series("jvm_memory_used_bytes")).isNotEmpty();
            assertThat(scraped.series("jvm_threads_live_threads")).isNotEmpty();
            assertThat(scraped.series("process_cpu_usage")).isNotEmpty();
            assertThat(scraped.series("process_uptime_seconds")).isNotEmpty();
            assertThat(scraped.series("jvm_gc_memory_allocated_bytes_total")).isNotEmpty();
        }
    }

    @Test
    void readinessFollowsTheCheckAndSaysWhy()
            throws Exception
    {
        try (OpsEndpoint endpoint = OpsEndpoint.start(onFreePort())) {
            assertThat(get(endpoint, "/health/ready")).satisfies(response -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).isEqualTo("not ready: starting\n");
            });
            assertThat(get(endpoint, "/health/live").statusCode()).isEqualTo(200);

            AtomicBoolean kafka = new AtomicBoolean(true);
            endpoint.readyWhen(() -> kafka.get() ? Readiness.ready("consuming") : Readiness.notReady("no connection to Kafka"));
            assertThat(get(endpoint, "/health/ready")).satisfies(response -> {
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("ready: consuming\n");
            });

            kafka.set(false);
            assertThat(get(endpoint, "/health/ready")).satisfies(response -> {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).isEqualTo("not ready: no connection to Kafka\n");
            });
            assertThat(get(endpoint, "/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aFailingCheckIsNotReadyRatherThanAnError()
            throws Exception
    {
        try (OpsEndpoint endpoint = OpsEndpoint.start(onFreePort())) {
            endpoint.readyWhen(() -> {
                throw new IllegalStateException("consumer closed");
            });

            HttpResponse<String> response = get(endpoint, "/health/ready");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("consumer closed");
        }
    }

    @Test
    void unknownPathsAndMethodsAreRefused()
            throws Exception
    {
        try (OpsEndpoint endpoint = OpsEndpoint.start(onFreePort())) {
            assertThat(get(endpoint, "/").statusCode()).isEqualTo(404);
            assertThat(get(endpoint, "/metrics/extra").statusCode()).isEqualTo(404);
            HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri(endpoint, "/metrics")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
        }
    }

    @Test
    void offServesNothingButStillCounts()
    {
        try (OpsEndpoint endpoint = OpsEndpoint.start(MetricsSettings.off())) {
            Counter.builder("sluice.retries").tag("sink", "clickhouse").register(endpoint.registry()).increment();

            assertThat(endpoint.address()).isEmpty();
            assertThat(ScrapedMetrics.parse(endpoint.scrape()).sum("sluice_retries_total", Map.of("sink", "clickhouse"))).isEqualTo(1);
        }
    }

    @Test
    void aTakenPortIsAOneLineErrorNamingTheSetting()
            throws IOException
    {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> OpsEndpoint.start(new MetricsSettings(taken.getLocalPort(), "127.0.0.1")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort() + " (--metrics-port / SLUICE_METRICS_PORT)");
        }
    }

    private HttpResponse<String> get(OpsEndpoint endpoint, String path)
            throws IOException, InterruptedException
    {
        return http.send(HttpRequest.newBuilder(uri(endpoint, path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(OpsEndpoint endpoint, String path)
    {
        InetSocketAddress address = endpoint.address().orElseThrow();
        return URI.create("http://127.0.0.1:" + address.getPort() + path);
    }

    static MetricsSettings onFreePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return new MetricsSettings(socket.getLocalPort(), "127.0.0.1");
        }
    }
}
