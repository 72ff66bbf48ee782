package io.sluice.stack.kafka;

import io.sluice.stack.ChildProcess;
import io.sluice.stack.Ports;
import io.sluice.stack.ProcessSpec;
import io.sluice.stack.Readiness;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.ServerKind;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;

/**
 * The KRaft controller of the stack's Kafka, in a JVM of its own. Kept apart from the broker so that a broker killed
 * in a fault run is fenced by a controller that outlives it: a single combined node restarted after SIGKILL first
 * believes itself the leader of every partition (its own stale metadata), and its transaction coordinator may complete
 * a commit while the partitions are leaderless a moment later, skipping their markers, which leaves a transaction
 * open on a partition forever (read_committed consumers never pass it).
 */
public final class KafkaControllerServerKind implements ServerKind {
    public static final String NAME = "kafka-controller";
    public static final String BOOTSTRAP_CONTROLLERS = "bootstrapControllers";
    public static final String CLUSTER_ID = "clusterId";

    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunningServer start(ServerContext context) {
        Map<String, String> environment = KafkaProcesses.environment(context);
        KafkaControllerConfig config = new KafkaControllerConfig(Ports.fixedOrFree(context.fixedPort(), NAME), context.dataDir().resolve("logs"));
        Path configDir = context.dataDir().resolve("config");
        Path properties = configDir.resolve("controller.properties");
        Path log4j = KafkaProcesses.writeConfig(configDir, properties.getFileName().toString(), config.render());
        String clusterId = clusterId();
        context.launcher().run(new ProcessSpec("kafka controller storage format",
                KafkaProcesses.java(context, "format", log4j, "-Xmx256m", "kafka.tools.StorageTool", "format", "--standalone",
                        "--cluster-id", clusterId, "--config", properties.toString()),
                context.dataDir(), environment, context.logFile("format")), FORMAT_TIMEOUT);

        ChildProcess controller = context.launcher().start(new ProcessSpec(NAME,
                KafkaProcesses.java(context, "controller", log4j, "-Xmx256m", "kafka.Kafka", properties.toString()),
                context.dataDir(), environment, context.logFile(NAME)));
        Map<String, String> endpoints = Map.of(BOOTSTRAP_CONTROLLERS, config.bootstrapControllers(), CLUSTER_ID, clusterId);
        Readiness.await(NAME, controller, context.startTimeout(), () -> healthy(endpoints));
        return new RunningServer(NAME, controller, endpoints);
    }

    /** Healthy once the controller answers for the cluster through its own listener. */
    @Override
    public boolean healthy(Map<String, String> endpoints) {
        String bootstrap = endpoints.get(BOOTSTRAP_CONTROLLERS);
        return bootstrap != null && KafkaProcesses.probe(AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, bootstrap,
                DescribeClusterResult::clusterId,
                id -> id.equals(endpoints.get(CLUSTER_ID)));
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
}
