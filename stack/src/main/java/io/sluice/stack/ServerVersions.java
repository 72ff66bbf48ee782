package io.sluice.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of the servers, pinned once in the root pom and filtered into this module's resources. */
public final class ServerVersions {
    private static final String RESOURCE = "versions.properties";

    private ServerVersions() {}

    /** The version for a key of {@code versions.properties}: {@code kafka}, {@code s3proxy}, {@code trino}, {@code chdb.npm}. */
    public static String of(String key) {
        Properties properties = new Properties();
        try (InputStream in = ServerVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = properties.getProperty(key);
        if (version == null || version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException("no version for " + key + " in " + RESOURCE);
        }
        return version;
    }
}
