package io.sluice.cli;

import io.sluice.schema.kafka.KafkaClientSettings;
import io.sluice.stack.LocalStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.TimeoutException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static java.util.Objects.requireNonNull;

/**
 * Checks that a Kafka broker answers before a command talks to it: the Kafka clients would otherwise wait out
 * their 60 s timeouts and then report a missing topic or node assignment, which says nothing about the likelier
 * cause, no stack running.
 */
final class KafkaProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private KafkaProbe() {}

    /**
     * {@link #requireReachable} unless the process environment names Kafka, as a pod's does: there the clients' own
     * waiting, and the pod's restarts, are what should happen while Kafka comes up.
     */
    static void requireReachableUnlessDeployed(Map<String, String> processEnvironment, KafkaClientSettings kafka, Path runDir, Duration timeout)
            throws InterruptedException {
        if (processEnvironment.getOrDefault(KafkaClientSettings.BOOTSTRAP_SERVERS_ENV, "").isBlank()) {
            requireReachable(kafka, runDir, timeout);
        }
    }

    static void requireReachable(KafkaClientSettings kafka, Path runDir, Duration timeout) throws InterruptedException {
        requireNonNull(kafka, "kafka is null");
        requireNonNull(runDir, "runDir is null");
        int millis = Math.toIntExact(timeout.toMillis());
        Map<String, Object> properties = new HashMap<>(kafka.toClientProperties());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).clusterId().get();
        }
        catch (ExecutionException e) {
            if (!(e.getCause() instanceof TimeoutException)) {
                // the broker answered, and refused (authentication, authorisation): its own words say why
                throw new IllegalStateException("cannot talk to Kafka at %s: %s".formatted(kafka.bootstrapServers(), e.getCause().getMessage()), e.getCause());
            }
            String where = LocalStack.status(runDir).isPresent()
                    ? "the local stack in %s is registered; './sluice status' shows its health".formatted(runDir)
                    : "no local stack runs in %s: './sluice up' starts one; for another Kafka pass --bootstrap-servers or set %s"
                            .formatted(runDir, KafkaClientSettings.BOOTSTRAP_SERVERS_ENV);
            IllegalStateException failure = new IllegalStateException("no Kafka broker answered at %s within %d s (%s)"
                    .formatted(kafka.bootstrapServers(), timeout.toSeconds(), where));
            // kept for the debug log, not as the cause: the client's own words ("Timed out waiting for a node assignment") would only mislead
            failure.addSuppressed(e);
            throw failure;
        }
    }
}
