package io.sluice.stack.trino;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The files and JVM options of a single-node Trino on loopback: coordinator and worker in one process,
 * catalogs {@code tpch}, {@code tpcds} and {@code hive} (Parquet in the S3 store), and a file-system exchange
 * manager spooling to the S3 store, so a session may choose fault-tolerant execution
 * ({@code retry_policy = 'TASK'}) while the server's default stays {@code NONE}.
 *
 * <p>The hive catalog and the exchange manager name their S3 credentials as {@code ${ENV:...}}, which Trino
 * resolves from its environment, so the secret is in no file and on no command line.
 *
 * @param httpPort the port clients and the health probe use
 * @param dataDir Trino's working directory: its config in {@code etc/}, its request log in {@code var/log/}
 * @param pluginDir the trimmed distribution's {@code plugin/}
 * @param s3 where the hive catalog keeps tables and their metadata
 */
record TrinoConfig(int httpPort, Path dataDir, Path pluginDir, S3Store s3) {
    static final String ACCESS_KEY_VARIABLE = "SLUICE_S3_ACCESS_KEY";
    static final String SECRET_KEY_VARIABLE = "SLUICE_S3_SECRET_KEY";
    static final String MAIN_CLASS = "io.trino.server.TrinoServer";

    /**
     * Sized for a small shared machine (the other servers run beside it): a 3 GB heap, of which one query may
     * use 1 GB; Trino keeps 30% of the heap as headroom for what it does not account.
     */
    static final String HEAP = "3G";
    static final String QUERY_MAX_MEMORY = "1GB";

    /** How long Trino runs a query no client polls; clients poll continuously while they wait. */
    static final String CLIENT_TIMEOUT = "30s";

    /** The file metastore's root in the bucket; managed tables live under it too (the file metastore insists). */
    static final String METASTORE_DIR = "trino-metastore";

    /** Where fault-tolerant queries spool their exchanges in the bucket; Trino removes a query's files when it ends. */
    static final String EXCHANGE_DIR = "trino-exchange";

    /**
     * @param endpoint e.g. {@code http://127.0.0.1:9000}
     * @param region the region requests are signed for
     * @param bucket the bucket the S3 store serves
     */
    record S3Store(String endpoint, String region, String bucket) {
        S3Store {
            requireNonNull(endpoint, "endpoint");
            requireNonNull(region, "region");
            requireNonNull(bucket, "bucket");
        }
    }

    TrinoConfig {
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException("httpPort must be in 1-65535: " + httpPort);
        }
        requireNonNull(dataDir, "dataDir");
        requireNonNull(pluginDir, "pluginDir");
        requireNonNull(s3, "s3");
    }

    Path configFile() {
        return dataDir.resolve("etc").resolve("config.properties");
    }

    Path catalogDir() {
        return dataDir.resolve("etc").resolve("catalog");
    }

    /** Trino reads this path relative to its working directory, which is {@code dataDir}. */
    Path exchangeManagerFile() {
        return dataDir.resolve("etc").resolve("exchange-manager.properties");
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    /**
     * The launcher's recommended options for JDK 24+ (without {@code -XX:-OmitStackTraceInLastLine}, which JDK 25
     * no longer knows), a fixed heap instead of a share of RAM, and the native access and Unsafe permissions
     * Trino's libraries need on JDK 25 without warnings.
     */
    List<String> jvmOptions() {
        return List.of(
                "-Xmx" + HEAP,
                "-XX:+UseG1GC",
                "-XX:+ExplicitGCInvokesConcurrent",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:-OmitStackTraceInFastThrow",
                "-XX:ReservedCodeCacheSize=256M",
                "-XX:PerMethodRecompilationCutoff=10000",
                "-XX:PerBytecodeRecompilationCutoff=10000",
                "-XX:+EnableDynamicAgentLoading",
                "-Djdk.attach.allowAttachSelf=true",
                "-Djdk.nio.maxCachedBufferSize=2000000",
                "-Dfile.encoding=UTF-8",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-Dconfig=" + configFile());
    }

    /**
     * {@code config.properties}: node, server and memory settings. The launcher's node.properties go here too,
     * except {@code node.data-dir}, which only the launcher reads (it becomes the working directory). A query
     * whose client stopped asking for it (the query runner killed) is abandoned after {@link #CLIENT_TIMEOUT}
     * instead of Trino's 5 minutes, so it does not load the next queries measured on this server.
     */
    String configProperties() {
        return """
                node.environment=sluice
                node.id=sluice
                node.bind-ip=127.0.0.1
                node.internal-address=127.0.0.1
                coordinator=true
                node-scheduler.include-coordinator=true
                http-server.http.port=%d
                discovery.uri=%s
                plugin.dir=%s
                catalog.config-dir=%s
                query.max-memory=%s
                query.max-memory-per-node=%s
                query.client.timeout=%s
                """.formatted(httpPort, url(), pluginDir, catalogDir(), QUERY_MAX_MEMORY, QUERY_MAX_MEMORY, CLIENT_TIMEOUT);
    }

    /**
     * Catalog files by catalog name. The hive catalog keeps its file metastore in the bucket, so tables and
     * their definitions live (and go) together and managed tables' files land in the store too; it may
     * create and write external tables, which the landers' Parquet objects are registered as.
     */
    Map<String, String> catalogs() {
        return Map.of(
                "tpch", """
                        connector.name=tpch
                        tpch.column-naming=STANDARD
                        """,
                "tpcds", """
                        connector.name=tpcds
                        """,
                "hive", """
                        connector.name=hive
                        hive.metastore=file
                        hive.metastore.catalog.dir=s3://%s/%s
                        hive.storage-format=PARQUET
                        hive.non-managed-table-writes-enabled=true
                        hive.non-managed-table-creates-enabled=true
                        fs.native-s3.enabled=true
                        s3.endpoint=%s
                        s3.region=%s
                        s3.path-style-access=true
                        s3.aws-access-key=${ENV:%s}
                        s3.aws-secret-key=${ENV:%s}
                        """.formatted(s3.bucket(), METASTORE_DIR, s3.endpoint(), s3.region(), ACCESS_KEY_VARIABLE, SECRET_KEY_VARIABLE));
    }

    /**
     * {@code exchange-manager.properties}: the file-system exchange in the S3 store, reached like the hive
     * catalog reaches it.
     */
    String exchangeManagerProperties() {
        return """
                exchange-manager.name=filesystem
                exchange.base-directories=s3://%s/%s
                exchange.s3.endpoint=%s
                exchange.s3.region=%s
                exchange.s3.path-style-access=true
                exchange.s3.aws-access-key=${ENV:%s}
                exchange.s3.aws-secret-key=${ENV:%s}
                """.formatted(s3.bucket(), EXCHANGE_DIR, s3.endpoint(), s3.region(), ACCESS_KEY_VARIABLE, SECRET_KEY_VARIABLE);
    }

    /** The environment that carries the S3 credentials the hive catalog refers to. */
    static Map<String, String> environment(String accessKey, String secretKey) {
        return Map.of(ACCESS_KEY_VARIABLE, requireNonNull(accessKey, "accessKey"), SECRET_KEY_VARIABLE, requireNonNull(secretKey, "secretKey"));
    }
}
