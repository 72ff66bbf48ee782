package io.sluice.stack.s3;

import io.sluice.stack.ChildProcess;
import io.sluice.stack.HttpProbe;
import io.sluice.stack.Ports;
import io.sluice.stack.ProcessSpec;
import io.sluice.stack.Readiness;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.ServerKind;
import io.sluice.stack.ServerVersions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * An S3 store: s3proxy over its filesystem backend, in its own JVM. Credentials are random per start and
 * reach s3proxy through a properties file only its owner can read; the bucket is a directory made before
 * the start, which is how the filesystem backend stores buckets.
 */
public final class S3ServerKind implements ServerKind {
    public static final String NAME = "s3";
    public static final String ENDPOINT = "endpoint";
    public static final String BUCKET = "bucket";
    public static final String ACCESS_KEY = "accessKey";
    public static final String SECRET_KEY = "secretKey";
    public static final String REGION = "region";

    private static final String DEFAULT_REGION = "us-east-1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RunningServer start(ServerContext context) {
        Path jar = context.artifacts().mavenFile("org.gaul:s3proxy:" + ServerVersions.of("s3proxy") + ":jar:jar-with-dependencies");
        int port = Ports.fixedOrFree(context.fixedPort(), NAME);
        S3ProxyConfig config = new S3ProxyConfig(port, context.dataDir().resolve("blobs"), S3Credentials.generate());
        Path properties = context.dataDir().resolve("s3proxy.properties");
        try {
            Files.createDirectories(config.blobDir().resolve(context.bucket()));
            Files.deleteIfExists(properties);
            Files.createFile(properties, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(properties, config.render());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = context.java("s3proxy-" + ServerVersions.of("s3proxy"));
        command.addAll(List.of("-Xmx512m", "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "--properties", properties.toString()));
        ChildProcess process = context.launcher().start(new ProcessSpec(NAME, command, context.dataDir(), context.logFile(NAME)));
        Map<String, String> endpoints = Map.of(
                ENDPOINT, config.endpoint(),
                BUCKET, context.bucket(),
                ACCESS_KEY, config.credentials().accessKey(),
                SECRET_KEY, config.credentials().secretKey(),
                REGION, DEFAULT_REGION);
        Readiness.await(NAME, process, context.startTimeout(), () -> healthy(endpoints));
        return new RunningServer(NAME, process, endpoints);
    }

    /**
     * An anonymous request for the bucket: s3proxy answers it with an S3 error document (access denied),
     * which shows the S3 API is served without needing to sign the request.
     */
    @Override
    public boolean healthy(Map<String, String> endpoints) {
        String endpoint = endpoints.get(ENDPOINT);
        String bucket = endpoints.get(BUCKET);
        if (endpoint == null || bucket == null) {
            return false;
        }
        return HttpProbe.get(endpoint + "/" + bucket)
                .filter(response -> (response.statusCode() == 403 || response.statusCode() == 200) && response.body().contains("<"))
                .isPresent();
    }
}
