package io.sluice.cli;

import io.sluice.stack.Download;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class DownloadBarTest {
    private final StringWriter written = new StringWriter();
    private final DownloadBar downloads = new DownloadBar(() -> new ProgressBar(new PrintWriter(written), false, 120, Duration.ZERO));

    @Test
    void eachFetchShowsItsProgressAndEndsWithItsSizeAndTime() {
        String trino = "io.trino:trino-server:476:tar.gz";
        downloads.onDownload(new Download("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies", Download.Phase.CACHED, 30_000_000, OptionalLong.empty(), Duration.ZERO));
        downloads.onDownload(new Download(trino, Download.Phase.STARTED, 0, OptionalLong.empty(), Duration.ZERO));
        downloads.onDownload(new Download(trino, Download.Phase.RUNNING, 0, OptionalLong.empty(), Duration.ofMillis(500)));
        downloads.onDownload(new Download(trino, Download.Phase.RUNNING, 200_000_000, OptionalLong.empty(), Duration.ofSeconds(10)));
        downloads.onDownload(new Download(trino, Download.Phase.RUNNING, 400_000_000, OptionalLong.of(800_000_000), Duration.ofSeconds(20)));
        downloads.onDownload(new Download(trino, Download.Phase.FINISHED, 821_000_000, OptionalLong.empty(), Duration.ofSeconds(41)));
        downloads.onDownload(new Download("@chdb/lib-linux-x64-gnu@3.6.0", Download.Phase.STARTED, 0, OptionalLong.empty(), Duration.ZERO));
        downloads.onDownload(new Download("@chdb/lib-linux-x64-gnu@3.6.0", Download.Phase.FAILED, 0, OptionalLong.empty(), Duration.ofSeconds(3)));

        assertThat(written.toString().lines().toList()).containsExactly(
                "download trino-server:476 ? starting",
                "download trino-server:476 ? running for 0:00",
                "download trino-server:476 ? 200.0 MB, 20.0 MB/s, 0:10",
                "download trino-server:476 50% 400.0 MB, 20.0 MB/s, 0:20",
                "download trino-server:476 100% 821.0 MB in 0:41",
                "download @chdb/lib-linux-x64-gnu@3.6.0 ? starting",
                "download @chdb/lib-linux-x64-gnu@3.6.0 ? failed after 0:03");
    }

    @Test
    void mavenCoordinatesAreShortenedToArtifactAndVersion() {
        assertThat(DownloadBar.shortName("org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies")).isEqualTo("s3proxy:4.1.0");
        assertThat(DownloadBar.shortName("org.apache.kafka:kafka_2.13:4.3.1:jar+org.slf4j:slf4j-simple:2.0.17:jar")).isEqualTo("kafka_2.13:4.3.1+slf4j-simple:2.0.17");
        assertThat(DownloadBar.shortName("@chdb/lib-linux-x64-gnu@26.7.3-stable.1")).isEqualTo("@chdb/lib-linux-x64-gnu@26.7.3-stable.1");
    }
}
