package io.sluice.stack.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class S3ProxyConfigTest {
    @Test
    void servesSignedRequestsOnLoopbackFromTheFilesystem() throws IOException {
        S3Credentials credentials = S3Credentials.generate();
        Properties properties = new Properties();
        properties.load(new StringReader(new S3ProxyConfig(19000, Path.of("/data/s3/blobs"), credentials).render()));

        assertThat(properties.getProperty("s3proxy.endpoint")).isEqualTo("http://127.0.0.1:19000");
        assertThat(properties.getProperty("s3proxy.authorization")).isEqualTo("aws-v2-or-v4");
        assertThat(properties.getProperty("s3proxy.identity")).isEqualTo(credentials.accessKey());
        assertThat(properties.getProperty("s3proxy.credential")).isEqualTo(credentials.secretKey());
        assertThat(properties.getProperty("s3proxy.ignore-unknown-headers")).isEqualTo("true");
        assertThat(properties.getProperty("jclouds.filesystem.basedir")).isEqualTo("/data/s3/blobs");
    }

    @Test
    void credentialsAreRandomAndTheSecretStaysOutOfToString() {
        S3Credentials one = S3Credentials.generate();
        S3Credentials two = S3Credentials.generate();

        assertThat(one.accessKey()).hasSize(20).isNotEqualTo(two.accessKey());
        assertThat(one.secretKey()).hasSize(40).isNotEqualTo(two.secretKey());
        assertThat(one.toString()).contains(one.accessKey()).doesNotContain(one.secretKey());
    }
}
