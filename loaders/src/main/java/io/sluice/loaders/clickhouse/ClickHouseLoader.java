package io.sluice.loaders.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.table.TableSchemas;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.math.RoundingMode;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Lands rows in ClickHouse through its HTTP client (client-v2): creates a dataset's database and tables on
 * first use, inserts batches as Native blocks transcoded from the rows' Avro payloads ({@code INSERT … FORMAT Native}) with an
 * {@code insert_deduplication_token}, and reads tables back for their checksum. Thread-safe; one per process.
 */
public final class ClickHouseLoader
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(ClickHouseLoader.class);

    private final Client client;
    private final ClickHouseDdl ddl;
    private final long timeoutMillis;
    private final Set<String> createdTables = ConcurrentHashMap.newKeySet();

    public ClickHouseLoader(ClickHouseConnectionSettings connection, ClickHouseDdl ddl)
    {
        requireNonNull(connection, "connection is null");
        this.ddl = requireNonNull(ddl, "ddl is null");
        this.timeoutMillis = connection.socketTimeout().toMillis();
        this.client = new Client.Builder()
                .addEndpoint(connection.httpEndpoint())
                .setUsername(connection.user())
                .setPassword(connection.password())
                .setDefaultDatabase("default")
                .setClientName("sluice")
                .setConnectTimeout(Math.min(timeoutMillis, 10_000), ChronoUnit.MILLIS)
                .setSocketTimeout(timeoutMillis, ChronoUnit.MILLIS)
                // the caller retries whole batches with backoff; a retry inside the client would hide the failure
                .setMaxRetries(0)
                .compressClientRequest(false)
                .build();
    }

    /**
     * Creates the dataset's database and the table unless this loader did already; idempotent.
     *
     * @throws RetryableInsertException if ClickHouse cannot be reached
     */
    public void ensureTable(DatasetId dataset, String table)
    {
        String name = ddl.database(dataset) + "." + dataset.benchmark().checkTable(table);
        if (createdTables.contains(name)) {
            return;
        }
        execute("creating database " + ddl.database(dataset), ddl.createDatabase(dataset));
        execute("creating table " + name, ddl.createTable(dataset, table));
        createdTables.add(name);
        log.debug("table {} ready", name);
    }

    /**
     * Inserts one batch into its table (created first if need be). Inserting the same rows again with the same
     * token within the table's deduplication window leaves the table unchanged.
     *
     * @throws RetryableInsertException if it may succeed later; the table has the rows at most once
     * @throws RejectedInsertException if ClickHouse refuses the rows themselves
     */
    public InsertResult insert(DatasetId dataset, String table, NativeBlock batch, String deduplicationToken)
    {
        requireNonNull(batch, "batch is null");
        requireNonNull(deduplicationToken, "deduplicationToken is null");
        ensureTable(dataset, table);
        String database = ddl.database(dataset);
        InsertSettings settings = new InsertSettings()
                .setDatabase(database)
                .setDeduplicationToken(deduplicationToken)
                // explicit, so a user profile cannot switch off what exactly-once rests on
                .serverSetting("insert_deduplicate", "1")
                .serverSetting("async_insert", "0");
        InputStream content = batch.content();
        try (InsertResponse response = client.insert(ClickHouseDdl.quote(table), content, ClickHouseFormat.Native, settings).get(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return new InsertResult(batch.rows(), batch.contentBytes(), deduplicationToken);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableInsertException("insert into %s.%s interrupted".formatted(database, table), e);
        }
        catch (Exception e) {
            if (InsertFailures.isMissingTable(e)) {
                // dropped or lost behind our back (e.g. a ClickHouse that came back empty): create it again on retry
                createdTables.remove(database + "." + table);
            }
            throw InsertFailures.classify("insert of %d rows into %s.%s (token %s)".formatted(batch.rows(), database, table, deduplicationToken), e);
        }
    }

    /**
     * The number of rows in a table.
     */
    public long count(DatasetId dataset, String table)
    {
        String sql = "SELECT count() FROM %s.%s".formatted(ClickHouseDdl.quote(ddl.database(dataset)), ClickHouseDdl.quote(dataset.benchmark().checkTable(table)));
        try (QueryResponse response = client.query(sql).get(timeoutMillis, TimeUnit.MILLISECONDS)) {
            ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
            reader.next();
            return reader.getLong(1);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableInsertException("count of " + table + " interrupted", e);
        }
        catch (Exception e) {
            throw InsertFailures.classify("count of %s.%s".formatted(ddl.database(dataset), table), e);
        }
    }

    /**
     * Reads every row of a table back, encodes it as its Avro table schema and sums the {@link ChunkChecksum}:
     * equal to the sum of the generator's chunk checksums exactly when the table holds the same rows, values
     * and multiplicities. Streams; memory does not grow with the table.
     */
    public ChunkChecksum checksum(DatasetId dataset, String table)
    {
        Schema schema = TableSchemas.schema(dataset.benchmark(), table);
        String sql = "SELECT * FROM %s.%s".formatted(ClickHouseDdl.quote(ddl.database(dataset)), ClickHouseDdl.quote(table));
        ChunkChecksum checksum = new ChunkChecksum();
        QuerySettings settings = new QuerySettings().setFormat(ClickHouseFormat.RowBinaryWithNamesAndTypes);
        try (QueryResponse response = client.query(sql, settings).get(timeoutMillis, TimeUnit.MILLISECONDS)) {
            ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response);
            while (reader.next() != null) {
                GenericData.Record row = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) {
                    row.put(field.pos(), reader.hasValue(field.name()) ? value(reader, field) : null);
                }
                checksum.add(row);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableInsertException("read-back of " + table + " interrupted", e);
        }
        catch (Exception e) {
            throw InsertFailures.classify("read-back of %s.%s".formatted(ddl.database(dataset), table), e);
        }
        return checksum;
    }

    private static Object value(ClickHouseBinaryFormatReader reader, Schema.Field field)
    {
        Schema type = nonNull(field.schema());
        String name = field.name();
        if (type.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            // exact: a value that needed rounding would not be the value that was landed
            return reader.getBigDecimal(name).setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
        }
        if (type.getLogicalType() instanceof LogicalTypes.Date) {
            return reader.getLocalDate(name);
        }
        return switch (type.getType()) {
            case LONG -> reader.getLong(name);
            case INT -> reader.getInteger(name);
            case STRING -> reader.getString(name);
            default -> throw new IllegalArgumentException("column %s of Avro type %s cannot be read back".formatted(name, type));
        };
    }

    private static Schema nonNull(Schema schema)
    {
        if (!schema.isUnion()) {
            return schema;
        }
        return schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }

    private void execute(String what, String sql)
    {
        try (CommandResponse _ = client.execute(sql).get(timeoutMillis, TimeUnit.MILLISECONDS)) {
            // executed
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableInsertException(what + " interrupted", e);
        }
        catch (Exception e) {
            throw InsertFailures.classify(what, e);
        }
    }

    @Override
    public void close()
    {
        client.close();
    }
}
