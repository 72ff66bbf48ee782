package io.sluice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackSettingsTest {
    private static final Path RUN_DIR = Path.of("/tmp/run");

    @Test
    void unknownServerNamesTheChoices() {
        assertThatThrownBy(() -> settings(List.of("kafka", "postgres"), Map.of(), "sluice"))
                .isInstanceOf(StackException.class)
                .hasMessage("unknown server 'postgres'; choose from kafka-controller, kafka, s3, clickhouse, trino with --servers");
    }

    @Test
    void invalidPortNamesTheOption() {
        assertThatThrownBy(() -> settings(List.of("kafka"), Map.of("kafka", 70000), "sluice"))
                .isInstanceOf(StackException.class)
                .hasMessage("port 70000 for kafka is not valid; choose one in 1-65535 with --kafka-port");
    }

    @Test
    void invalidBucketIsRefused() {
        assertThatThrownBy(() -> settings(List.of("s3"), Map.of(), "Not_A_Bucket"))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("not a valid S3 bucket name");
    }

    @Test
    void runDirIsMadeAbsolute() {
        assertThat(settings(List.of("kafka"), Map.of(), "sluice").withRunDir(Path.of("rel")).runDir()).isAbsolute();
    }

    @Test
    void portInUseIsOneLineNamingTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Ports.requireFree(taken.getLocalPort(), "s3"))
                    .isInstanceOf(StackException.class)
                    .hasMessage("port %d (s3) is already in use; choose another with --s3-port or stop what holds it", taken.getLocalPort());
        }
        int free = Ports.freeLoopbackPort();
        assertThat(Ports.requireFree(free, "s3")).isEqualTo(free);
    }

    private static StackSettings settings(List<String> servers, Map<String, Integer> ports, String bucket) {
        return new StackSettings(RUN_DIR, servers, ports, bucket, Duration.ofMinutes(1));
    }
}
