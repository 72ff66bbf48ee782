package io.sluice.loaders.clickhouse;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.table.TableSchemas;
import io.sluice.stack.StackStatus;
import io.sluice.stack.junit.StackServers;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@StackServers("clickhouse")
class ClickHouseLoaderIT
{
    private static final DatasetId TPCH = DatasetId.parse("tpch.sf0_01");
    private static final DatasetId TPCDS = DatasetId.parse("tpcds.sf0_01");
    private static final ClickHouseDdl DDL = new ClickHouseDdl("loader_it_", ClickHouseEngine.MERGE_TREE, 100);

    private static String jdbcUrl;
    private static ClickHouseLoader loader;

    @BeforeAll
    static void connect(StackStatus stack)
    {
        jdbcUrl = stack.endpoint("clickhouse", "jdbcUrl");
        loader = new ClickHouseLoader(new ClickHouseConnectionSettings(jdbcUrl, "default", "", Duration.ofSeconds(60)), DDL);
    }

    @AfterAll
    static void close()
    {
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void createsEveryTableOfBothBenchmarksOnFirstUse()
            throws SQLException
    {
        for (DatasetId dataset : List.of(TPCH, TPCDS)) {
            for (String table : TableSchemas.tables(dataset.benchmark())) {
                loader.ensureTable(dataset, table);
                loader.ensureTable(dataset, table);
            }
        }

        assertThat(query("SELECT count() FROM system.tables WHERE database = 'loader_it_tpch_sf0_01'")).isEqualTo("8");
        assertThat(query("SELECT count() FROM system.tables WHERE database = 'loader_it_tpcds_sf0_01'")).isEqualTo("24");
        assertThat(query("SELECT type FROM system.columns WHERE database = 'loader_it_tpch_sf0_01' AND table = 'lineitem' AND name = 'l_extendedprice'"))
                .isEqualTo("Decimal(15, 2)");
        assertThat(query("SELECT sorting_key FROM system.tables WHERE database = 'loader_it_tpcds_sf0_01' AND name = 'store_sales'"))
                .isEqualTo("ss_item_sk, ss_ticket_number");
    }

    @Test
    void landsEveryTpchTableExactlyAndDropsARepeatedBatch()
    {
        for (String table : Benchmark.TPCH.tables()) {
            GeneratedRows rows = GeneratedRows.of(TPCH, table);
            List<List<ByteBuffer>> batches = rows.batches(20_000);
            for (int i = 0; i < batches.size(); i++) {
                insert(TPCH, table, batches.get(i), table + "-" + i);
            }
            // a batch sent again after a crash: same rows, same token
            insert(TPCH, table, batches.getFirst(), table + "-0");

            assertThat(loader.count(TPCH, table)).as(table).isEqualTo(rows.payloads().size());
            assertThat(loader.checksum(TPCH, table).value()).as(table).isEqualTo(rows.checksum().value());
        }
        assertThat(loader.count(TPCH, "lineitem")).isEqualTo(60_175);
    }

    @Test
    void landsNullsLowCardinalityTextAndDatesBefore1970Exactly()
    {
        for (String table : List.of("date_dim", "customer_address", "item")) {
            GeneratedRows rows = GeneratedRows.of(TPCDS, table);
            List<List<ByteBuffer>> batches = rows.batches(50_000);
            for (int i = 0; i < batches.size(); i++) {
                insert(TPCDS, table, batches.get(i), table + "-" + i);
            }

            assertThat(loader.count(TPCDS, table)).as(table).isEqualTo(rows.payloads().size());
            assertThat(loader.checksum(TPCDS, table).value()).as(table).isEqualTo(rows.checksum().value());
        }
    }

    @Test
    void rejectsRowsThatDoNotMatchTheTable()
            throws IOException
    {
        // a region row whose key is text: what a producer on an older or foreign schema would send
        Schema foreign = SchemaBuilder.record("region").namespace("io.sluice.tpch").fields()
                .requiredString("r_regionkey").requiredString("r_name").requiredString("r_comment").endRecord();
        foreign.getFields().forEach(field -> field.addProp(TableSchemas.SQL_TYPE_PROPERTY, "varchar"));
        NativeBlock batch = new NativeBlock(foreign);
        GenericData.Record row = new GenericData.Record(foreign);
        row.put("r_regionkey", "not-a-number");
        row.put("r_name", "x");
        row.put("r_comment", "y");
        batch.append(ByteBuffer.wrap(encode(row)));

        assertThatThrownBy(() -> loader.insert(TPCH, "region", batch, "foreign-0"))
                .isInstanceOf(RejectedInsertException.class)
                .hasMessageContaining("region");
    }

    @Test
    void retriesWhenClickHouseCannotBeReached()
    {
        try (ClickHouseLoader unreachable = new ClickHouseLoader(new ClickHouseConnectionSettings("jdbc:clickhouse://127.0.0.1:1/default", "default", "", Duration.ofSeconds(5)), DDL)) {
            NativeBlock batch = new NativeBlock(TableSchemas.schema(Benchmark.TPCH, "region"));
            GeneratedRows.of(TPCH, "region").payloads().forEach(batch::append);

            assertThatThrownBy(() -> unreachable.insert(TPCH, "region", batch, "region-0"))
                    .isInstanceOf(RetryableInsertException.class);
        }
    }

    private static void insert(DatasetId dataset, String table, List<ByteBuffer> payloads, String token)
    {
        NativeBlock batch = new NativeBlock(TableSchemas.schema(dataset.benchmark(), table));
        payloads.forEach(batch::append);
        InsertResult result = loader.insert(dataset, table, batch, token);
        assertThat(result.rows()).isEqualTo(payloads.size());
    }

    private static byte[] encode(GenericData.Record row)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericData.Record>(row.getSchema()).write(row, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static String query(String sql)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "default", "");
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }
}
