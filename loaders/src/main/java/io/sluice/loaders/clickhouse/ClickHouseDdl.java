package io.sluice.loaders.clickhouse;

import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.table.TableSchemas;
import org.apache.avro.Schema;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * The statements that create a dataset's database and tables: one database per dataset
 * ({@code databasePrefix} + {@link DatasetId#databaseName()}, e.g. {@code tpch_sf0_01}), one table per benchmark table, named and typed after its Avro schema,
 * sorted by its primary key, with a deduplication log of {@code deduplicationWindow} inserts.
 * Statements are idempotent ({@code IF NOT EXISTS}).
 */
public record ClickHouseDdl(String databasePrefix, ClickHouseEngine engine, int deduplicationWindow)
{
    public ClickHouseDdl
    {
        requireNonNull(databasePrefix, "databasePrefix is null");
        if (!databasePrefix.matches("[a-z0-9_]*")) {
            throw new IllegalArgumentException("database prefix '%s' may hold only a-z, 0-9 and _".formatted(databasePrefix));
        }
        requireNonNull(engine, "engine is null");
        if (deduplicationWindow < 1) {
            throw new IllegalArgumentException("deduplication window must be >= 1 insert, got " + deduplicationWindow);
        }
    }

    public String database(DatasetId dataset)
    {
        return databasePrefix + dataset.databaseName();
    }

    public String createDatabase(DatasetId dataset)
    {
        return "CREATE DATABASE IF NOT EXISTS " + quote(database(dataset));
    }

    public String createTable(DatasetId dataset, String table)
    {
        Schema schema = TableSchemas.schema(dataset.benchmark(), table);
        String columns = schema.getFields().stream()
                .map(field -> "    %s %s".formatted(quote(field.name()), ColumnTypes.of(field, TableLayouts.isLowCardinality(dataset.benchmark(), field.name()))))
                .collect(Collectors.joining(",\n"));
        List<String> sortKey = TableLayouts.sortKey(dataset.benchmark(), schema);
        return """
                CREATE TABLE IF NOT EXISTS %s.%s
                (
                %s
                )
                ENGINE = %s
                ORDER BY (%s)
                SETTINGS %s = %d""".formatted(
                quote(database(dataset)), quote(table),
                columns,
                engine.clause(),
                sortKey.stream().map(ClickHouseDdl::quote).collect(Collectors.joining(", ")),
                engine.deduplicationWindowSetting(), deduplicationWindow);
    }

    static String quote(String identifier)
    {
        if (!identifier.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("identifier '%s' is not of [a-z0-9_]; dataset and table names are".formatted(identifier));
        }
        return "`" + identifier + "`";
    }
}
