package io.sluice.stack.kafka;

import io.sluice.stack.ChildProcess;
import io.sluice.stack.Ports;
import io.sluice.stack.ProcessSpec;
import io.sluice.stack.Readiness;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.ServerKind;
import io.sluice.stack.ServerVersions;
import io.sluice.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Apache Kafka as a single KRaft node (broker and controller) in its own JVM, from the {@code kafka_2.13}
 * jars. The broker's classpath carries slf4j-api 1.7, so its log4j2 binding is the 1.x one.
 */
public final class KafkaServerKind implements ServerKind {
    public static final String NAME = "kafka";
    public static final String BOOTSTRAP_SERVERS = "bootstrapServers";

    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
    private static final int PROBE_TIMEOUT_MS = 2000;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunningServer start(ServerContext context) {
        List<Path> classpath = context.artifacts().mavenClasspath(List.of(
                "org.apache.kafka:kafka_2.13:" + ServerVersions.of("kafka"),
                "org.apache.logging.log4j:log4j-slf4j-impl:" + ServerVersions.of("kafka.log4j")));
        int port = Ports.fixedOrFree(context.fixedPort(), NAME);
        int controllerPort = freePortOtherThan(port);
        KafkaBrokerConfig config = new KafkaBrokerConfig(port, controllerPort, context.dataDir().resolve("logs"));
        Path configDir = context.dataDir().resolve("config");
        Path properties = configDir.resolve("server.properties");
        Path log4j = configDir.resolve("log4j2.properties");
        try {
            Files.createDirectories(configDir);
            Files.writeString(properties, config.render());
            Files.writeString(log4j, LOG4J_CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> environment = Map.of("CLASSPATH",
                classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));

        context.launcher().run(new ProcessSpec("kafka storage format",
                java(context, log4j, "-Xmx256m", "kafka.tools.StorageTool", "format", "--standalone",
                        "--cluster-id", clusterId(), "--config", properties.toString()),
                context.dataDir(), environment, context.logFile("kafka-format")), FORMAT_TIMEOUT);

        ChildProcess broker = context.launcher().start(new ProcessSpec(NAME,
                java(context, log4j, "-Xmx768m", "kafka.Kafka", properties.toString()),
                context.dataDir(), environment, context.logFile(NAME)));
        Map<String, String> endpoints = Map.of(BOOTSTRAP_SERVERS, config.bootstrapServers());
        Readiness.await(NAME, broker, context.startTimeout(), () -> healthy(endpoints));
        return new RunningServer(NAME, broker, endpoints);
    }

    @Override
    public boolean healthy(Map<String, String> endpoints) {
        String bootstrap = endpoints.get(BOOTSTRAP_SERVERS);
        if (bootstrap == null) {
            return false;
        }
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 500);
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1000);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-stack-probe");
        try (Admin admin = Admin.create(properties)) {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS))
                    .nodes().get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> java(ServerContext context, Path log4j, String heap, String mainClass, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                context.launcher().java().toString(),
                heap,
                "-XX:+UseG1GC",
                "--sun-misc-unsafe-memory-access=allow",
                "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                "--enable-native-access=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=" + log4j.toUri(),
                mainClass));
        command.addAll(List.of(arguments));
        return command;
    }

    private static int freePortOtherThan(int port) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int candidate = Ports.freeLoopbackPort();
            if (candidate != port) {
                return candidate;
            }
        }
        throw new StackException("cannot find a free loopback port for the kafka controller");
    }

    /** A KRaft cluster id: 16 random bytes, base64url without padding, not starting with '-' (reserved). */
    static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static final String LOG4J_CONFIG = """
            appender.console.type=Console
            appender.console.name=STDOUT
            appender.console.layout.type=PatternLayout
            appender.console.layout.pattern=[%d] %p %m (%c)%n
            rootLogger.level=INFO
            rootLogger.appenderRef.stdout.ref=STDOUT
            logger.kafka.name=kafka
            logger.kafka.level=INFO
            logger.state.name=state.change.logger
            logger.state.level=WARN
            """;
}
