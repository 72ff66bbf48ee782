package io.sluice.stack.kafka;

import io.sluice.stack.ChildProcess;
import io.sluice.stack.Ports;
import io.sluice.stack.ProcessSpec;
import io.sluice.stack.Readiness;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.ServerKind;
import io.sluice.stack.StackException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * The Kafka broker of the stack, a KRaft broker in a JVM of its own that joins the stack's
 * {@linkplain KafkaControllerServerKind controller}. Fault runs kill and restart this process; the controller stays.
 */
public final class KafkaServerKind implements ServerKind {
    public static final String NAME = "kafka";
    public static final String BOOTSTRAP_SERVERS = "bootstrapServers";

    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
    // the controller fences shortly after the timeout passes; a second covers that on a busy machine
    private static final Duration FENCE_MARGIN = Duration.ofSeconds(1);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> requires() {
        return Set.of(KafkaControllerServerKind.NAME);
    }

    @Override
    public RunningServer start(ServerContext context) {
        Map<String, String> controller = context.endpointsOf(KafkaControllerServerKind.NAME);
        String controllers = controller.get(KafkaControllerServerKind.BOOTSTRAP_CONTROLLERS);
        Map<String, String> environment = KafkaProcesses.environment(context);
        KafkaBrokerConfig config = new KafkaBrokerConfig(Ports.fixedOrFree(context.fixedPort(), NAME), controllers, context.dataDir().resolve("logs"));
        Path configDir = context.dataDir().resolve("config");
        Path properties = configDir.resolve("server.properties");
        Path log4j = KafkaProcesses.writeConfig(configDir, properties.getFileName().toString(), config.render());
        context.launcher().run(new ProcessSpec("kafka storage format",
                KafkaProcesses.java(context, "format", log4j, "-Xmx256m", "kafka.tools.StorageTool", "format",
                        "--cluster-id", controller.get(KafkaControllerServerKind.CLUSTER_ID), "--config", properties.toString()),
                context.dataDir(), environment, context.logFile("kafka-format")), FORMAT_TIMEOUT);

        ChildProcess broker = context.launcher().start(new ProcessSpec(NAME,
                KafkaProcesses.java(context, "broker", log4j, "-Xmx768m", "kafka.Kafka", properties.toString()),
                context.dataDir(), environment, context.logFile(NAME)));
        Map<String, String> endpoints = Map.of(BOOTSTRAP_SERVERS, config.bootstrapServers());
        Readiness.await(NAME, broker, context.startTimeout(), () -> healthy(endpoints));
        return new RunningServer(NAME, broker, endpoints);
    }

    /** Healthy once the broker serves metadata that lists a live broker. */
    @Override
    public boolean healthy(Map<String, String> endpoints) {
        String bootstrap = endpoints.get(BOOTSTRAP_SERVERS);
        return bootstrap != null && KafkaProcesses.probe(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                DescribeClusterResult::nodes,
                nodes -> !nodes.isEmpty());
    }

    /**
     * Waits until the controller has fenced the stopped broker: its session timeout plus a margin from now, which is
     * after the broker's last heartbeat (a stop or a kill came first; a controlled shutdown is fenced at once). A
     * broker started before that would take its last metadata for current, lead every partition for a moment and may
     * let its transaction coordinator finish commits whose markers never reach the partitions. The controller cannot
     * be asked: through its own listener it describes only the quorum, not the brokers' registrations.
     */
    @Override
    public void prepareRestart() {
        try {
            Thread.sleep(KafkaControllerConfig.BROKER_SESSION_TIMEOUT.plus(FENCE_MARGIN));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for the kafka controller to fence the stopped broker", e);
        }
    }
}
