package io.sluice.ingest.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.ingest.lander.LanderSettings;
import io.sluice.ingest.lander.RunningLander;
import io.sluice.loaders.clickhouse.ClickHouseConnectionSettings;
import io.sluice.loaders.clickhouse.ClickHouseDdl;
import io.sluice.loaders.clickhouse.ClickHouseLoader;
import io.sluice.schema.DurationText;
import io.sluice.schema.dataset.DatasetId;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Measures the ClickHouse lander against its ceiling on the same machine, in the same run. The lander lands
 * a dataset already on its row topics into fresh databases (a new consumer group from the earliest offset,
 * events to a side topic so trackers do not see them), timed until every table holds the dataset's rows.
 * The ceiling then inserts the same rows again, pre-encoded in ClickHouse's Native format (which it parses
 * cheapest, measured against RowBinary and Avro), from one process with no Kafka in between. Both report
 * rows/s and rows per CPU-second, counting this JVM's CPU and ClickHouse's ({@code system.events} user +
 * system time, read once the merges of the path's parts are done, so each path pays for its own merges), so
 * the figures compare across machines with different core counts. Progress is polled from part metadata
 * every 200 ms, one query, so the polling itself costs the measured processes next to nothing.
 */
public final class ClickHouseLanderBenchmark
{
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MERGES_SETTLE = Duration.ofMinutes(2);

    private ClickHouseLanderBenchmark() {}

    /**
     * One measurement of a path that moved {@code rows} rows.
     */
    public record Measurement(long rows, Duration elapsed, Duration clientCpu, Duration serverCpu)
    {
        public double rowsPerSecond()
        {
            return rows / seconds(elapsed);
        }

        /** Rows per second of CPU, the lander's (or the ceiling's client's) and ClickHouse's together. */
        public double rowsPerCpuSecond()
        {
            return rows / (seconds(clientCpu) + seconds(serverCpu));
        }

        @Override
        public String toString()
        {
            return "%,d rows in %.2f s: %,.0f rows/s, %,.0f rows per CPU-second (client %.2f s + ClickHouse %.2f s CPU)".formatted(
                    rows, seconds(elapsed), rowsPerSecond(), rowsPerCpuSecond(), seconds(clientCpu), seconds(serverCpu));
        }

        private static double seconds(Duration duration)
        {
            return Math.max(duration.toNanos(), 1) / 1e9;
        }
    }

    /**
     * @param landedBytes bytes on disk of the tables the lander filled (active parts, after landing)
     */
    public record Result(DatasetId dataset, Measurement lander, Measurement ceiling, long landedBytes)
    {
        /** The lander's rows per CPU-second as a fraction of the ceiling's. */
        public double efficiency()
        {
            return lander.rowsPerCpuSecond() / ceiling.rowsPerCpuSecond();
        }

        @Override
        public String toString()
        {
            return "%s ClickHouse lander: %s%n%s ceiling (Native, one process): %s%nlander/ceiling per CPU-second: %.0f%%".formatted(
                    dataset, lander, dataset, ceiling, 100 * efficiency());
        }
    }

    /**
     * @param expectedRows the dataset's rows per table (what the generator announced)
     * @param runId names the databases ({@code bench_<runId>_…}), the consumer group and the events topic
     */
    public static Result run(LanderSettings lander, ClickHouseSettings clickHouse, DatasetId dataset, Map<String, Long> expectedRows, String runId, Duration timeout)
            throws InterruptedException
    {
        requireNonNull(lander, "lander is null");
        requireNonNull(clickHouse, "clickHouse is null");
        requireNonNull(dataset, "dataset is null");
        if (!runId.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("benchmark run id '%s' may hold only a-z, 0-9 and _".formatted(runId));
        }
        String prefix = "bench_" + runId + "_";
        ClickHouseSettings landed = clickHouse.withDatabasePrefix(prefix);
        LanderSettings fresh = new LanderSettings(lander.kafka(), List.of(dataset.toString()), Optional.of("sluice-bench-" + runId), Optional.of("sluice-bench-" + runId),
                lander.batchRows(), lander.batchBytes(), lander.maxOpenBatches(), lander.retryBackoffMin(), lander.retryBackoffMax(),
                lander.dlqTopic(), "sluice.bench." + runId + ".events", lander.topicRefresh(), lander.markerWait());
        try (Client client = client(clickHouse.connection())) {
            Meter meter = new Meter(client);
            Measurement landing;
            try (RunningLander running = ClickHouseLander.run(fresh, landed, new SimpleMeterRegistry())) {
                long total = expectedRows.values().stream().mapToLong(Long::longValue).sum();
                long deadline = System.nanoTime() + timeout.toNanos();
                String database = landed.ddl().database(dataset);
                while (landedRows(client, database) < total) {
                    if (running.failure().isPresent() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the lander did not land %s within %s%s".formatted(dataset, DurationText.of(timeout),
                                running.failure().map(failure -> ": " + failure).orElse("")));
                    }
                    Thread.sleep(POLL);
                }
                landing = meter.measure(total);

            }
            long landedBytes = bytesOnDisk(client, landed.ddl().database(dataset));
            return new Result(dataset, landing, ceiling(client, clickHouse, dataset, prefix, expectedRows), landedBytes);
        }
    }

    private static Measurement ceiling(Client client, ClickHouseSettings clickHouse, DatasetId dataset, String prefix, Map<String, Long> expectedRows)
    {
        ClickHouseDdl target = clickHouse.withDatabasePrefix(prefix + "ceiling_").ddl();
        String source = clickHouse.withDatabasePrefix(prefix).ddl().database(dataset);
        try (ClickHouseLoader tables = new ClickHouseLoader(clickHouse.connection(), target)) {
            expectedRows.keySet().forEach(table -> tables.ensureTable(dataset, table));
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sluice-bench-native");
            for (String table : expectedRows.keySet()) {
                try (QueryResponse response = client.query("SELECT * FROM `%s`.`%s`".formatted(source, table), new QuerySettings().setFormat(ClickHouseFormat.Native)).get(1, TimeUnit.HOURS);
                        InputStream in = response.getInputStream()) {
                    Files.copy(in, dir.resolve(table));
                }
            }
            Meter meter = new Meter(client);
            for (String table : expectedRows.keySet()) {
                try (InputStream in = Files.newInputStream(dir.resolve(table));
                        InsertResponse _ = client.insert("`" + table + "`", in, ClickHouseFormat.Native, new InsertSettings().setDatabase(target.database(dataset))).get(1, TimeUnit.HOURS)) {
                    // inserted
                }
            }
            return meter.measure(expectedRows.values().stream().mapToLong(Long::longValue).sum());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("ceiling insert interrupted", e);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (Exception e) {
            throw new IllegalStateException("ceiling insert failed: " + e.getMessage(), e);
        }
        finally {
            deleteQuietly(dir);
        }
    }

    private static long bytesOnDisk(Client client, String database)
    {
        String sql = "SELECT sum(bytes_on_disk) FROM system.parts WHERE active AND database = '%s'".formatted(database);
        try (QueryResponse response = client.query(sql, new QuerySettings().setFormat(ClickHouseFormat.TabSeparated)).get(1, TimeUnit.MINUTES);
                InputStream in = response.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? 0 : Long.parseLong(text);
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot read the size of ClickHouse database %s from system.parts: %s".formatted(database, e.getMessage()), e);
        }
    }

    /**
     * The rows in a database's tables, in one cheap query (part metadata, no scan): the benchmark's own polling
     * runs in the measured process and server, so it must cost next to nothing.
     */
    private static long landedRows(Client client, String database)
    {
        return queryLong(client, "SELECT sum(total_rows) FROM system.tables WHERE database = '%s'".formatted(database));
    }

    private static long queryLong(Client client, String sql)
    {
        try (QueryResponse response = client.query(sql, new QuerySettings().setFormat(ClickHouseFormat.TabSeparated)).get(1, TimeUnit.MINUTES);
                InputStream in = response.getInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            return text.isEmpty() || text.equals("\\N") ? 0 : Long.parseLong(text);
        }
        catch (Exception e) {
            throw new IllegalStateException("ClickHouse query failed: %s: %s".formatted(sql, e.getMessage()), e);
        }
    }

    private static Client client(ClickHouseConnectionSettings connection)
    {
        return new Client.Builder()
                .addEndpoint(connection.httpEndpoint())
                .setUsername(connection.user())
                .setPassword(connection.password())
                .setSocketTimeout(connection.socketTimeout().toMillis())
                .build();
    }

    private static void deleteQuietly(Path dir)
    {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        }
        catch (IOException e) {
            // a temp dir left behind
        }
    }

    // Wall time, this JVM's CPU time and ClickHouse's since construction.
    private static final class Meter
    {
        private final Client client;
        private final long startNanos;
        private final long startCpuNanos;
        private final long startServerMicros;

        Meter(Client client)
        {
            this.client = client;
            this.startServerMicros = serverCpuMicros();
            this.startCpuNanos = processCpuNanos();
            this.startNanos = System.nanoTime();
        }

        /**
         * Wall and client CPU now, when the rows are in; ClickHouse's CPU once the merges their parts started are
         * done, so both paths are charged the merges they cause, not only the inserts.
         */
        Measurement measure(long rows)
                throws InterruptedException
        {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
            Duration clientCpu = Duration.ofNanos(processCpuNanos() - startCpuNanos);
            awaitMergesDone();
            return new Measurement(rows, elapsed, clientCpu, Duration.ofNanos(1000 * (serverCpuMicros() - startServerMicros)));
        }

        private void awaitMergesDone()
                throws InterruptedException
        {
            long deadline = System.nanoTime() + MERGES_SETTLE.toNanos();
            int quiet = 0;
            // twice in a row: one merge's end can start the next
            while (quiet < 2 && System.nanoTime() < deadline) {
                quiet = queryLong(client, "SELECT count() FROM system.merges") == 0 ? quiet + 1 : 0;
                Thread.sleep(POLL);
            }
        }

        private static long processCpuNanos()
        {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private long serverCpuMicros()
        {
            return queryLong(client, "SELECT sum(value) FROM system.events WHERE event IN ('UserTimeMicroseconds', 'SystemTimeMicroseconds')");
        }
    }
}
