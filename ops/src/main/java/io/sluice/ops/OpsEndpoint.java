package io.sluice.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * A service's operational surface: a Prometheus registry with the JVM and process meters bound, served over HTTP
 * (when {@link MetricsSettings#enabled()}) at {@code /metrics} (Prometheus text format), {@code /health/live}
 * (200 while the process serves requests at all) and {@code /health/ready} (200 when the check given to
 * {@link #readyWhen} says ready, else 503; the body says why). Until a check is given the service is starting,
 * so not ready.
 *
 * <p>The JDK's HTTP server on one virtual-thread-per-request executor: a scrape every few seconds needs nothing
 * more, and the module stays free of a web framework.
 */
public final class OpsEndpoint
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(OpsEndpoint.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gcMetrics;
    private Optional<HttpServer> server = Optional.empty();
    private final ExecutorService executor;
    private final AtomicReference<Supplier<Readiness>> readiness = new AtomicReference<>(() -> Readiness.notReady("starting"));

    private OpsEndpoint()
    {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        this.gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(registry);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    /**
     * Creates the registry and, if the settings enable it, starts serving.
     *
     * @throws IllegalStateException naming the address if the port cannot be bound
     */
    public static OpsEndpoint start(MetricsSettings settings)
    {
        requireNonNull(settings, "settings is null");
        OpsEndpoint endpoint = new OpsEndpoint();
        if (settings.enabled()) {
            try {
                endpoint.server = Optional.of(endpoint.listen(settings));
            }
            catch (RuntimeException e) {
                endpoint.close();
                throw e;
            }
        }
        return endpoint;
    }

    private HttpServer listen(MetricsSettings settings)
    {
        InetSocketAddress address = new InetSocketAddress(settings.bindAddress(), settings.port());
        HttpServer http;
        try {
            http = HttpServer.create(address, 16);
        }
        catch (IOException e) {
            throw new IllegalStateException("cannot serve metrics on %s:%d (--metrics-port / %s): %s".formatted(
                    settings.bindAddress(), settings.port(), MetricsSettings.PORT_ENV, e.getMessage()), e);
        }
        http.createContext("/", exchange -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
                case "/health/live" -> respond(exchange, 200, PLAIN_TEXT, "live\n");
                case "/health/ready" -> {
                    Readiness now = readiness();
                    respond(exchange, now.ready() ? 200 : 503, PLAIN_TEXT, (now.ready() ? "ready: " : "not ready: ") + now.detail() + "\n");
                }
                default -> respond(exchange, 404, PLAIN_TEXT, "not found; try /metrics, /health/live or /health/ready\n");
            }
        });
        http.setExecutor(executor);
        http.start();
        log.info("serving /metrics, /health/live and /health/ready on {}", http.getAddress());
        return http;
    }

    /** The registry every meter of this process goes to. */
    public MeterRegistry registry()
    {
        return registry;
    }

    /** Where it listens (with the port chosen when the setting asked for a free one), if it serves at all. */
    public Optional<InetSocketAddress> address()
    {
        return server.map(HttpServer::getAddress);
    }

    /** From now on {@code /health/ready} answers what {@code check} says, asked at every request. */
    public void readyWhen(Supplier<Readiness> check)
    {
        readiness.set(requireNonNull(check, "check is null"));
    }

    public Readiness readiness()
    {
        try {
            return requireNonNull(readiness.get().get(), "readiness check returned null");
        }
        catch (RuntimeException e) {
            return Readiness.notReady("readiness check failed: " + e);
        }
    }

    /** The Prometheus text {@code /metrics} serves. */
    public String scrape()
    {
        return registry.scrape();
    }

    @Override
    public void close()
    {
        server.ifPresent(http -> http.stop(0));
        executor.close();
        gcMetrics.close();
        registry.close();
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
    {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        catch (IOException e) {
            // the scraper hung up; nothing to answer
            log.debug("answering {} failed: {}", exchange.getRequestURI(), e.toString());
        }
    }
}
