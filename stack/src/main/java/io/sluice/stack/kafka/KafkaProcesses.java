package io.sluice.stack.kafka;

import io.sluice.stack.ClassDataArchive;
import io.sluice.stack.ServerContext;
import io.sluice.stack.ServerVersions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.KafkaFuture;

/**
 * What the controller and the broker process share: the {@code kafka_2.13} classpath (its slf4j-api is 1.7, so the
 * log4j2 binding is the 1.x one), the JVM command line, the log configuration and a short-lived admin client.
 */
final class KafkaProcesses {
    private static final int PROBE_TIMEOUT_MS = 2000;

    private KafkaProcesses() {}

    /** The {@code CLASSPATH} environment of a Kafka process. */
    static Map<String, String> environment(ServerContext context) {
        List<Path> classpath = context.artifacts().mavenClasspath(List.of(
                "org.apache.kafka:kafka_2.13:" + ServerVersions.of("kafka"),
                "org.apache.logging.log4j:log4j-slf4j-impl:" + ServerVersions.of("kafka.log4j")));
        return Map.of("CLASSPATH", classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    }

    /** Writes {@code properties} and the log configuration into {@code configDir}; returns the log configuration. */
    static Path writeConfig(Path configDir, String propertiesFile, String properties) {
        Path log4j = configDir.resolve("log4j2.properties");
        try {
            Files.createDirectories(configDir);
            Files.writeString(configDir.resolve(propertiesFile), properties);
            Files.writeString(log4j, LOG4J_CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return log4j;
    }

    /**
     * The command line of a Kafka JVM.
     *
     * @param program names the process's {@linkplain ClassDataArchive class-data archive}: {@code format},
     *     {@code controller} or {@code broker}
     */
    static List<String> java(ServerContext context, String program, Path log4j, String heap, String mainClass, String... arguments) {
        // lz4-java unpacks its native library into the temporary folder and deletes it only at a clean exit: a broker
        // killed by a fault run would leave one in /tmp each time
        Path tmp = context.dataDir().resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = context.java("kafka-%s-%s".formatted(ServerVersions.of("kafka"), program));
        command.addAll(List.of(
                heap,
                "-Djava.io.tmpdir=" + tmp,
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

    /**
     * Describes the cluster through an admin client that gives up within two seconds and tests one part of the answer;
     * false on any failure.
     *
     * @param bootstrapKey {@code bootstrap.servers} (through the broker) or {@code bootstrap.controllers} (the controller)
     */
    static <T> boolean probe(String bootstrapKey, String bootstrap, Function<DescribeClusterResult, KafkaFuture<T>> part, Predicate<T> healthy) {
        Properties properties = new Properties();
        properties.put(bootstrapKey, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PROBE_TIMEOUT_MS);
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 500);
        properties.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 1000);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-stack-probe");
        try (Admin admin = Admin.create(properties)) {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS));
            return healthy.test(part.apply(cluster).get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
