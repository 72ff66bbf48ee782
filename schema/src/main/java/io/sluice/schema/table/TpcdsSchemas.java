package io.sluice.schema.table;

import io.sluice.schema.dataset.Benchmark;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import io.trino.tpcds.column.ColumnType;
import org.apache.avro.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.trino.tpcds.Table.CATALOG_RETURNS;
import static io.trino.tpcds.Table.CATALOG_SALES;
import static io.trino.tpcds.Table.INVENTORY;
import static io.trino.tpcds.Table.STORE_RETURNS;
import static io.trino.tpcds.Table.STORE_SALES;
import static io.trino.tpcds.Table.WEB_RETURNS;
import static io.trino.tpcds.Table.WEB_SALES;

/**
 * Derives TPC-DS table schemas from {@code io.trino.tpcds} column metadata. Columns are nullable except
 * the primary key columns.
 */
final class TpcdsSchemas
{
    // Primary keys of the fact tables per the TPC-DS specification (section 2.3/2.4). The library does not
    // publish keys; its not-null bitmaps are not the keys (call_center's marks cc_rec_end_date, often null).
    private static final Map<Table, Set<String>> FACT_KEYS = Map.of(
            STORE_SALES, Set.of("ss_item_sk", "ss_ticket_number"),
            STORE_RETURNS, Set.of("sr_item_sk", "sr_ticket_number"),
            CATALOG_SALES, Set.of("cs_item_sk", "cs_order_number"),
            CATALOG_RETURNS, Set.of("cr_item_sk", "cr_order_number"),
            WEB_SALES, Set.of("ws_item_sk", "ws_order_number"),
            WEB_RETURNS, Set.of("wr_item_sk", "wr_order_number"),
            INVENTORY, Set.of("inv_date_sk", "inv_item_sk", "inv_warehouse_sk"));

    private TpcdsSchemas() {}

    static Schema schema(Table table)
    {
        List<Schema.Field> fields = Arrays.stream(table.getColumns())
                .map(column -> field(column, isPrimaryKey(table, column)))
                .toList();
        return Schema.createRecord(table.getName(), null, TableSchemas.namespace(Benchmark.TPCDS), false, fields);
    }

    // Every dimension table's key is its surrogate key, the first column (e.g. d_date_sk, cc_call_center_sk).
    private static boolean isPrimaryKey(Table table, Column column)
    {
        Set<String> factKey = FACT_KEYS.get(table);
        return factKey == null ? column.getPosition() == 0 : factKey.contains(column.getName());
    }

    private static Schema.Field field(Column column, boolean primaryKey)
    {
        ColumnType type = column.getType();
        String name = column.getName();
        boolean nullable = !primaryKey;
        return switch (type.getBase()) {
            case IDENTIFIER -> AvroColumns.field(name, AvroColumns.bigint(), "bigint", nullable);
            case INTEGER -> AvroColumns.field(name, AvroColumns.integer(), "integer", nullable);
            case DATE -> AvroColumns.field(name, AvroColumns.date(), "date", nullable);
            case TIME -> AvroColumns.field(name, AvroColumns.timeMillis(), "time", nullable);
            case DECIMAL -> {
                int precision = type.getPrecision().orElseThrow();
                int scale = type.getScale().orElseThrow();
                yield AvroColumns.field(name, AvroColumns.decimal(precision, scale), "decimal(%d,%d)".formatted(precision, scale), nullable);
            }
            case CHAR -> AvroColumns.field(name, AvroColumns.string(), sized("char", type), nullable);
            case VARCHAR -> AvroColumns.field(name, AvroColumns.string(), sized("varchar", type), nullable);
        };
    }

    private static String sized(String sqlType, ColumnType type)
    {
        return type.getPrecision().map(length -> sqlType + "(" + length + ")").orElse(sqlType);
    }
}
