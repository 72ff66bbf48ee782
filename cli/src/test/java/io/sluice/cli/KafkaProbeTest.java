package io.sluice.cli;

import io.sluice.schema.kafka.KafkaClientSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaProbeTest {
    @TempDir
    Path runDir;

    @Test
    void noBrokerIsAnErrorThatSaysWhereKafkaWasLookedFor() throws IOException {
        String nobody = "127.0.0.1:" + freePort();
        assertThatThrownBy(() -> KafkaProbe.requireReachable(KafkaClientSettings.plaintext(nobody), runDir, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no Kafka broker answered at %s within 1 s (no local stack runs in %s: './sluice up' starts one; "
                        + "for another Kafka pass --bootstrap-servers or set SLUICE_KAFKA_BOOTSTRAP_SERVERS)", nobody, runDir);
    }

    @Test
    void triggerSaysThatNoBrokerAnsweredInsteadOfWhatTheKafkaClientTimedOutOn() throws IOException {
        String nobody = "127.0.0.1:" + freePort();
        CliRun outcome = CliRun.execute("trigger", "--run-dir", runDir.toString(), "--bootstrap-servers", nobody, "--sf", "0.01");

        assertThat(outcome.exitCode()).isEqualTo(SluiceCommand.EXIT_FAILURE);
        assertThat(outcome.err().lines()).singleElement().asString()
                .isEqualTo("error: no Kafka broker answered at %s within 10 s (no local stack runs in %s: './sluice up' starts one; "
                        + "for another Kafka pass --bootstrap-servers or set SLUICE_KAFKA_BOOTSTRAP_SERVERS)", nobody, runDir);
    }

    @Test
    void aServiceConfiguredByItsEnvironmentLeavesTheWaitingToTheKafkaClients() throws Exception {
        String nobody = "127.0.0.1:" + freePort();
        // as in a pod: returns at once, the service's own clients wait for the broker
        KafkaProbe.requireReachableUnlessDeployed(Map.of("SLUICE_KAFKA_BOOTSTRAP_SERVERS", nobody), KafkaClientSettings.plaintext(nobody), runDir, Duration.ofSeconds(1));

        assertThatThrownBy(() -> KafkaProbe.requireReachableUnlessDeployed(Map.of(), KafkaClientSettings.plaintext(nobody), runDir, Duration.ofSeconds(1)))
                .hasMessageStartingWith("no Kafka broker answered at " + nobody);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
