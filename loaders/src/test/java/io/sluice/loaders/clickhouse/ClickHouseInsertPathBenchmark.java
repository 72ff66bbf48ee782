package io.sluice.loaders.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.row.RowModel;
import io.sluice.schema.table.TableSchemas;
import io.sluice.stack.Artifacts;
import io.sluice.stack.ProcessLauncher;
import io.sluice.stack.RunningServer;
import io.sluice.stack.ServerContext;
import io.sluice.stack.clickhouse.ClickHouseServerKind;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Measures the ways of inserting the same lineitem rows (Avro payloads, as a lander has them) into ClickHouse:
 * clickhouse-jdbc PreparedStatement batches (rows decoded, bound per column), client-v2 streaming the payloads
 * transcoded to a Native block, and the ceiling: the same rows pre-encoded by ClickHouse itself in Native,
 * RowBinary and Avro, sent by client-v2. Run by hand (not a test):
 * {@code java -cp <test class path> io.sluice.loaders.clickhouse.ClickHouseInsertPathBenchmark [scaleFactor] [batchRows]}.
 */
public final class ClickHouseInsertPathBenchmark
{
    private ClickHouseInsertPathBenchmark() {}

    public static void main(String[] args)
            throws Exception
    {
        DatasetId dataset = DatasetId.parse("tpch." + (args.length > 0 ? args[0] : "sf0_1"));
        int batchRows = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        Path dir = Files.createTempDirectory("insert-path-benchmark");
        ClickHouseServerKind kind = new ClickHouseServerKind();
        RunningServer server = kind.start(new ServerContext(dir, Artifacts.fromEnvironment(), ProcessLauncher.attached(), Map.of(), OptionalInt.empty(), "sluice", Duration.ofMinutes(3)));
        try {
            run(server.endpoints().get(ClickHouseServerKind.JDBC_URL), dataset, batchRows);
        }
        finally {
            server.process().stop(Duration.ofSeconds(10));
        }
    }

    private static void run(String jdbcUrl, DatasetId dataset, int batchRows)
            throws Exception
    {
        GeneratedRows rows = GeneratedRows.of(dataset, "lineitem");
        List<List<ByteBuffer>> batches = rows.batches(batchRows);
        long count = rows.payloads().size();
        ClickHouseConnectionSettings connection = new ClickHouseConnectionSettings(jdbcUrl, "default", "", Duration.ofMinutes(5));
        Schema schema = TableSchemas.schema(dataset.benchmark(), "lineitem");
        System.out.printf("lineitem %s: %,d rows in batches of %,d%n", dataset, count, batchRows);

        for (int round = 0; round < 2; round++) {
            String prefix = "r" + round + "_";
            try (ClickHouseLoader loader = new ClickHouseLoader(connection, new ClickHouseDdl(prefix + "avro_", ClickHouseEngine.MERGE_TREE, 1000));
                    Client client = client(connection)) {
                loader.ensureTable(dataset, "lineitem");
                Measure avro = Measure.start(client);
                for (int i = 0; i < batches.size(); i++) {
                    NativeBlock batch = new NativeBlock(schema);
                    for (ByteBuffer payload : batches.get(i)) {
                        batch.append(payload);
                    }
                    loader.insert(dataset, "lineitem", batch, "b" + i);
                }
                avro.report("client-v2, payloads transcoded to a Native block (lander path)", count);

                DatasetId target = dataset;
                String source = prefix + "avro_" + dataset.databaseName();
                for (ClickHouseFormat format : List.of(ClickHouseFormat.Native, ClickHouseFormat.RowBinary, ClickHouseFormat.Avro)) {
                    String database = prefix + format.name().toLowerCase() + "_";
                    try (ClickHouseLoader ceiling = new ClickHouseLoader(connection, new ClickHouseDdl(database, ClickHouseEngine.MERGE_TREE, 1000))) {
                        ceiling.ensureTable(target, "lineitem");
                    }
                    byte[] bytes = export(client, source, format);
                    Measure measure = Measure.start(client);
                    try (InsertResponse _ = client.insert("lineitem", new ByteArrayInputStream(bytes), format,
                            new InsertSettings().setDatabase(database + dataset.databaseName())).get(5, TimeUnit.MINUTES)) {
                        measure.report("ceiling: client-v2, %s prepared by ClickHouse (%,d bytes)".formatted(format, bytes.length), count);
                    }
                }
            }
            jdbc(jdbcUrl, dataset, schema, batches, prefix + "jdbc_", count, connection);
        }
    }

    private static void jdbc(String jdbcUrl, DatasetId dataset, Schema schema, List<List<ByteBuffer>> batches, String prefix, long count, ClickHouseConnectionSettings connection)
            throws Exception
    {
        try (ClickHouseLoader loader = new ClickHouseLoader(connection, new ClickHouseDdl(prefix, ClickHouseEngine.MERGE_TREE, 1000));
                Client client = client(connection)) {
            loader.ensureTable(dataset, "lineitem");
            List<Schema.Field> fields = schema.getFields();
            String sql = "INSERT INTO %s%s.lineitem (%s) VALUES (%s)".formatted(prefix, dataset.databaseName(),
                    fields.stream().map(Schema.Field::name).collect(Collectors.joining(", ")),
                    fields.stream().map(_ -> "?").collect(Collectors.joining(", ")));
            GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema, schema, RowModel.create());
            Measure measure = Measure.start(client);
            try (Connection jdbc = DriverManager.getConnection(jdbcUrl, "default", "");
                    PreparedStatement insert = jdbc.prepareStatement(sql)) {
                BinaryDecoder decoder = null;
                GenericRecord row = null;
                for (List<ByteBuffer> batch : batches) {
                    for (ByteBuffer payload : batch) {
                        byte[] bytes = new byte[payload.remaining()];
                        payload.duplicate().get(bytes);
                        decoder = DecoderFactory.get().binaryDecoder(bytes, decoder);
                        row = reader.read(row, decoder);
                        for (int i = 0; i < fields.size(); i++) {
                            Object value = row.get(i);
                            switch (value) {
                                case LocalDate date -> insert.setDate(i + 1, Date.valueOf(date));
                                case BigDecimal decimal -> insert.setBigDecimal(i + 1, decimal);
                                default -> insert.setObject(i + 1, value);
                            }
                        }
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            measure.report("clickhouse-jdbc 0.9.9 PreparedStatement batches (rows decoded)", count);
            try (Connection jdbc = DriverManager.getConnection(jdbcUrl, "default", "");
                    Statement statement = jdbc.createStatement();
                    var result = statement.executeQuery("SELECT count() FROM %s%s.lineitem".formatted(prefix, dataset.databaseName()))) {
                result.next();
                System.out.printf("  (jdbc table holds %,d rows)%n", result.getLong(1));
            }
        }
    }

    private static byte[] export(Client client, String database, ClickHouseFormat format)
            throws Exception
    {
        try (QueryResponse response = client.query("SELECT * FROM %s.lineitem".formatted(database), new QuerySettings().setFormat(format)).get(5, TimeUnit.MINUTES)) {
            return response.getInputStream().readAllBytes();
        }
    }

    private static Client client(ClickHouseConnectionSettings connection)
    {
        return new Client.Builder().addEndpoint(connection.httpEndpoint()).setUsername(connection.user()).setPassword(connection.password()).build();
    }

    // Wall time, this JVM's CPU time and ClickHouse's (its user + system time counters) over one insert path.
    private record Measure(Client client, long startNanos, long startCpuNanos, long startServerMicros)
    {
        static Measure start(Client client)
                throws Exception
        {
            return new Measure(client, System.nanoTime(), processCpuNanos(), serverCpuMicros(client));
        }

        void report(String what, long rows)
                throws Exception
        {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double clientCpu = (processCpuNanos() - startCpuNanos) / 1e9;
            double serverCpu = (serverCpuMicros(client) - startServerMicros) / 1e6;
            System.out.printf("%-80s %6.2f s %,12.0f rows/s  client cpu %5.2f s  server cpu %5.2f s  %,10.0f rows per cpu-second%n",
                    what, seconds, rows / seconds, clientCpu, serverCpu, rows / (clientCpu + serverCpu));
        }

        private static long processCpuNanos()
        {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long serverCpuMicros(Client client)
                throws Exception
        {
            try (QueryResponse response = client.query("SELECT sum(value) FROM system.events WHERE event IN ('UserTimeMicroseconds', 'SystemTimeMicroseconds')",
                    new QuerySettings().setFormat(ClickHouseFormat.TabSeparated)).get(1, TimeUnit.MINUTES)) {
                String text = new String(response.getInputStream().readAllBytes()).trim();
                return text.isEmpty() ? 0 : Long.parseLong(text);
            }
        }
    }
}
