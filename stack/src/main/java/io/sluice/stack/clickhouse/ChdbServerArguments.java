package io.sluice.stack.clickhouse;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;

/**
 * The clickhouse-local arguments that turn it into a server on loopback.
 *
 * @param dataDir ClickHouse's {@code path}: databases, tables and its temporary files
 * @param httpPort the HTTP interface (clients, JDBC, health)
 * @param tcpPort the native protocol
 */
record ChdbServerArguments(Path dataDir, int httpPort, int tcpPort) {
    /**
     * Opens the listeners, then blocks: one row of {@code system.numbers} per block, each sleeping an hour.
     * The thread sleeps instead of spinning, so the idle server costs no CPU; the per-block sleep limit
     * (3 s by default) is raised to allow the hour.
     */
    static final String SERVE_QUERY = "SYSTEM START LISTEN HTTP; SYSTEM START LISTEN TCP; "
            + "SELECT sleepEachRow(3600) FROM system.numbers "
            + "SETTINGS max_block_size = 1, max_threads = 1, function_sleep_max_microseconds_per_block = 3600000000 "
            + "FORMAT Null";

    /** Caps ClickHouse's memory so it shares the machine with the other servers (ClickHouse lowers it on small machines). */
    static final long MAX_SERVER_MEMORY_BYTES = 4L << 30;

    ChdbServerArguments {
        requireNonNull(dataDir, "dataDir");
        checkPort(httpPort, "httpPort");
        checkPort(tcpPort, "tcpPort");
        if (httpPort == tcpPort) {
            throw new IllegalArgumentException("httpPort and tcpPort must differ: " + httpPort);
        }
    }

    /**
     * The arguments; those after {@code --} override server configuration keys, which keeps ClickHouse's
     * temporary and user files under the data dir instead of {@code /var/lib/clickhouse}.
     */
    List<String> toList() {
        String path = dataDir.toAbsolutePath().toString();
        return List.of(
                "--path=" + path,
                "--listen_host=127.0.0.1",
                "--http_port=" + httpPort,
                "--tcp_port=" + tcpPort,
                "--multiquery",
                "--query=" + SERVE_QUERY,
                "--",
                "--tmp_path=" + path + "/tmp/",
                "--user_files_path=" + path + "/user_files/",
                "--max_server_memory_usage=" + MAX_SERVER_MEMORY_BYTES);
    }

    private static void checkPort(int port, String name) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(name + " must be in 1-65535: " + port);
        }
    }
}
