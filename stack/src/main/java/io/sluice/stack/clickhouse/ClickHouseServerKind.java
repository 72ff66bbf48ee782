package io.sluice.stack.clickhouse;

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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse from {@code libchdb.so} (the npm package {@code @chdb/lib-linux-x64-gnu}), run as clickhouse-local
 * with its HTTP and native listeners open, in a small child JVM ({@link ChdbServerMain}). Tables live under
 * {@code <dataDir>/data} and survive restarts on the same data dir. Clients connect as user {@code default}
 * with no password; that is acceptable because the server listens on 127.0.0.1 only.
 */
public final class ClickHouseServerKind implements ServerKind {
    public static final String NAME = "clickhouse";
    public static final String HTTP_URL = "httpUrl";
    public static final String JDBC_URL = "jdbcUrl";
    public static final String TCP_PORT = "tcpPort";

    static final String NPM_PACKAGE = "@chdb/lib-linux-x64-gnu";

    private static final Logger log = LoggerFactory.getLogger(ClickHouseServerKind.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunningServer start(ServerContext context) {
        requireSupportedPlatform();
        Path library = context.artifacts().npmPackage(NPM_PACKAGE, ServerVersions.of("chdb.npm")).resolve("libchdb.so");
        if (!Files.isRegularFile(library)) {
            throw new StackException("the npm package %s has no libchdb.so at %s; delete %s to fetch it again"
                    .formatted(NPM_PACKAGE, library, library.getParent()));
        }
        int httpPort = Ports.fixedOrFree(context.fixedPort(), NAME);
        ChdbServerArguments arguments = new ChdbServerArguments(context.dataDir().resolve("data"), httpPort, otherFreePort(httpPort));
        createDirectories(arguments.dataDir());

        List<String> command = new ArrayList<>(List.of(
                context.launcher().java().toString(),
                // ClickHouse allocates natively; the JVM only makes the one call
                "-Xmx64m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp", codeLocation().toString(),
                ChdbServerMain.class.getName(),
                library.toString()));
        command.addAll(arguments.toList());
        long startNanos = System.nanoTime();
        ChildProcess process = context.launcher().start(new ProcessSpec(NAME, command, context.dataDir(), context.logFile(NAME)));
        Map<String, String> endpoints = Map.of(
                HTTP_URL, "http://127.0.0.1:" + httpPort,
                JDBC_URL, "jdbc:clickhouse://127.0.0.1:" + httpPort + "/default",
                TCP_PORT, Integer.toString(arguments.tcpPort()));
        Readiness.await(NAME, process, context.startTimeout(), () -> healthy(endpoints));
        log.info("clickhouse ready at {} in {} ms (data {}, log {})", endpoints.get(HTTP_URL),
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), arguments.dataDir(), context.logFile(NAME));
        return new RunningServer(NAME, process, endpoints);
    }

    /** {@code GET /ping} on the HTTP interface answers {@code Ok.} once ClickHouse serves queries. */
    @Override
    public boolean healthy(Map<String, String> endpoints) {
        String httpUrl = endpoints.get(HTTP_URL);
        if (httpUrl == null) {
            return false;
        }
        return HttpProbe.get(httpUrl + "/ping")
                .filter(response -> response.statusCode() == 200 && response.body().strip().equals("Ok."))
                .isPresent();
    }

    private static void requireSupportedPlatform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new StackException("the local ClickHouse (%s) runs on Linux x86-64 only, not %s %s; run the stack on such a machine"
                    .formatted(NPM_PACKAGE, os, arch));
        }
    }

    /** Two free ports asked in a row can coincide; the native port must differ from the HTTP one. */
    private static int otherFreePort(int taken) {
        int port = Ports.freeLoopbackPort();
        while (port == taken) {
            port = Ports.freeLoopbackPort();
        }
        return port;
    }

    /**
     * Where {@link ChdbServerMain} was loaded from: {@code target/classes} in the build, the (fat) jar when
     * installed. It needs nothing else on its class path.
     */
    private static Path codeLocation() {
        CodeSource source = ChdbServerMain.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new StackException("cannot tell where the sluice classes were loaded from, to start ClickHouse's JVM; "
                    + "run sluice from its jar or classes directory");
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new StackException("the sluice classes were loaded from " + source.getLocation()
                    + ", which is not a file; run sluice from its jar or classes directory", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
