package io.sluice.loaders.trino;

import io.sluice.loaders.parquet.ParquetLayout;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.table.TableSchemas;
import org.apache.avro.Schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Registers landed Parquet tables in a Trino Hive catalog as external tables over their object prefix, so
 * Trino reads what the lander wrote in place. Schema = the dataset's database name ({@code tpch_sf0_01}),
 * columns = the table's Avro fields with their {@code sql.type}. {@code char(n)} columns are declared
 * {@code varchar(n)}: the landed values carry no padding, and Hive's {@code char} would add it on read.
 */
public final class TrinoTableRegistrar
{
    private final Connection connection;
    private final String catalog;
    private final String bucket;

    /**
     * @param connection a Trino JDBC connection; not closed here
     * @param catalog the Hive catalog over the store, e.g. {@code hive}
     * @param bucket the bucket the objects are in
     */
    public TrinoTableRegistrar(Connection connection, String catalog, String bucket)
    {
        this.connection = requireNonNull(connection, "connection is null");
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.bucket = requireNonNull(bucket, "bucket is null");
    }

    /**
     * Creates the schema and the external table if missing.
     *
     * @return the table's qualified name, {@code hive.tpch_sf0_01.lineitem}
     */
    public String register(DatasetId dataset, String table)
            throws SQLException
    {
        Schema schema = TableSchemas.schema(dataset.benchmark(), table);
        String schemaName = catalog + "." + quote(dataset.databaseName());
        String qualified = schemaName + "." + quote(table);
        String columns = schema.getFields().stream()
                .map(field -> quote(field.name()) + " " + columnType(field))
                .collect(Collectors.joining(", "));
        String location = "s3://%s/%s".formatted(bucket, ParquetLayout.tablePrefix(dataset, table));
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schemaName);
            statement.execute("CREATE TABLE IF NOT EXISTS %s (%s) WITH (format = 'PARQUET', external_location = '%s')".formatted(qualified, columns, location));
        }
        return "%s.%s.%s".formatted(catalog, dataset.databaseName(), table);
    }

    private static String columnType(Schema.Field field)
    {
        String type = field.getProp(TableSchemas.SQL_TYPE_PROPERTY);
        if (type == null) {
            throw new IllegalArgumentException("field %s has no %s property".formatted(field.name(), TableSchemas.SQL_TYPE_PROPERTY));
        }
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("char(") ? "var" + lower : lower;
    }

    private static String quote(String identifier)
    {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
