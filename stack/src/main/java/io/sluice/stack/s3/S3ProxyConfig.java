package io.sluice.stack.s3;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** s3proxy's properties: loopback only, signed requests (v2 or v4), filesystem backend. */
record S3ProxyConfig(int port, Path blobDir, S3Credentials credentials) {
    S3ProxyConfig {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1-65535: " + port);
        }
        requireNonNull(blobDir, "blobDir");
        requireNonNull(credentials, "credentials");
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Trino sends headers s3proxy does not know; they are ignored rather than refused. */
    String render() {
        return """
                s3proxy.endpoint=%s
                s3proxy.authorization=aws-v2-or-v4
                s3proxy.identity=%s
                s3proxy.credential=%s
                s3proxy.ignore-unknown-headers=true
                jclouds.provider=filesystem
                jclouds.filesystem.basedir=%s
                """.formatted(endpoint(), credentials.accessKey(), credentials.secretKey(), blobDir.toAbsolutePath());
    }
}
