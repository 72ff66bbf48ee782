package io.sluice.stack.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.stack.ChildProcess;
import io.sluice.stack.HttpProbe;
import io.sluice.stack.Ports;
import io.sluice.stack.ProcessSpec;
import io.sluice.stack.Readiness;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.ServerKind;
import io.sluice.stack.ServerVersions;
import io.sluice.stack.StackException;
import io.sluice.stack.s3.S3ServerKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Trino (coordinator and worker in one JVM) on loopback, run straight from the trimmed
 * distribution's {@code lib/} on the stack's JDK, without Trino's launcher. It reads the S3 store through
 * the {@code hive} catalog, so the store must be started first.
 */
public final class TrinoServerKind implements ServerKind {
    public static final String NAME = "trino";
    public static final String URL = "url";
    public static final String JDBC_URL = "jdbcUrl";

    private static final Logger log = LoggerFactory.getLogger(TrinoServerKind.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String READINESS_QUERY = "SELECT count(*) FROM tpch.tiny.nation";
    private static final int MAX_PROTOCOL_STEPS = 100;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        return Set.of(S3ServerKind.NAME);
    }

    @Override
    public RunningServer start(ServerContext context) {
        Map<String, String> s3 = context.endpointsOf(S3ServerKind.NAME);
        String version = ServerVersions.of("trino");
        Path distribution = TrinoDistribution.prepare(context.artifacts(), context.launcher(), version);
        int port = Ports.fixedOrFree(context.fixedPort(), NAME);
        TrinoConfig config = new TrinoConfig(port, context.dataDir(), distribution.resolve("plugin"), new TrinoConfig.S3Store(
                required(s3, S3ServerKind.ENDPOINT), required(s3, S3ServerKind.REGION), required(s3, S3ServerKind.BUCKET)));
        writeConfig(config);

        List<String> command = context.java("trino-" + version);
        command.addAll(config.jvmOptions());
        // the java launcher expands the wildcard to every jar in lib/
        command.addAll(List.of("-cp", distribution.resolve("lib") + "/*", TrinoConfig.MAIN_CLASS));
        Map<String, String> environment = TrinoConfig.environment(required(s3, S3ServerKind.ACCESS_KEY), required(s3, S3ServerKind.SECRET_KEY));

        long startNanos = System.nanoTime();
        ChildProcess process = context.launcher().start(new ProcessSpec(NAME, command, context.dataDir(), environment, context.logFile(NAME)));
        Map<String, String> endpoints = Map.of(URL, config.url(), JDBC_URL, "jdbc:trino://127.0.0.1:" + port);
        log.info("started trino {} (pid {}); waiting up to {} s for {}/v1/info to say it is no longer starting "
                + "(it loads its plugins and catalogs first, 20-60 s on a small machine; progress in {})",
                version, process.pid(), context.startTimeout().toSeconds(), config.url(), context.logFile(NAME));
        awaitReady(process, endpoints, context.startTimeout());
        log.info("trino ready at {} in {} s", config.url(), Duration.ofNanos(System.nanoTime() - startNanos).toSeconds());
        return new RunningServer(NAME, process, endpoints);
    }

    /** Healthy, and then running a query: the catalogs get their node a few seconds after the server says it started. */
    @Override
    public void awaitReady(ChildProcess process, Map<String, String> endpoints, Duration timeout) {
        long startNanos = System.nanoTime();
        Readiness.await(NAME, process, timeout, () -> healthy(endpoints));
        log.info("trino is up; waiting for its catalogs to run queries");
        Duration left = timeout.minus(Duration.ofNanos(System.nanoTime() - startNanos));
        Readiness.await(NAME, process, left.isNegative() ? Duration.ZERO : left, () -> runsQuery(endpoints.get(URL), READINESS_QUERY));
    }

    /**
     * {@code GET /v1/info} reports {@code "starting": false} once Trino has loaded its plugins and catalogs
     * (the first queries may still wait a few seconds for the catalogs' node, which {@link #start} waits out).
     */
    @Override
    public boolean healthy(Map<String, String> endpoints) {
        String url = endpoints.get(URL);
        if (url == null) {
            return false;
        }
        return HttpProbe.get(url + "/v1/info")
                .flatMap(TrinoServerKind::okJson)
                .map(info -> info.path("starting"))
                .filter(starting -> starting.isBoolean() && !starting.booleanValue())
                .isPresent();
    }

    /**
     * Runs a query through Trino's client protocol (POST the statement, follow {@code nextUri} to the end);
     * true if it finished without error.
     */
    private static boolean runsQuery(String url, String sql) {
        try (HttpProbe probe = HttpProbe.open()) {
            Optional<JsonNode> results = probe.send(url + "/v1/statement", request -> request.header("X-Trino-User", "sluice").POST(HttpRequest.BodyPublishers.ofString(sql)))
                    .flatMap(TrinoServerKind::okJson);
            for (int step = 0; step < MAX_PROTOCOL_STEPS; step++) {
                if (results.isEmpty() || results.get().has("error")) {
                    return false;
                }
                JsonNode next = results.get().path("nextUri");
                if (!next.isTextual()) {
                    return true;
                }
                results = probe.send(next.textValue(), HttpRequest.Builder::GET).flatMap(TrinoServerKind::okJson);
            }
            return false;
        }
    }

    /** The body of a 200 answer as JSON; empty for any other answer. */
    private static Optional<JsonNode> okJson(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void writeConfig(TrinoConfig config) {
        try {
            Files.createDirectories(config.catalogDir());
            // a catalog dropped from the config must not linger from an earlier start on this data dir
            try (Stream<Path> old = Files.list(config.catalogDir())) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            Files.writeString(config.configFile(), config.configProperties());
            Files.writeString(config.exchangeManagerFile(), config.exchangeManagerProperties());
            for (Map.Entry<String, String> catalog : config.catalogs().entrySet()) {
                Files.writeString(config.catalogDir().resolve(catalog.getKey() + ".properties"), catalog.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Trino's configuration under " + config.dataDir(), e);
        }
    }

    private static String required(Map<String, String> endpoints, String key) {
        String value = endpoints.get(key);
        if (value == null || value.isBlank()) {
            throw new StackException("the s3 server's endpoints lack '%s'; restart the stack so s3 records it".formatted(key));
        }
        return value;
    }
}
