package io.sluice.schema.table;

import io.sluice.schema.dataset.Benchmark;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchTable;
import org.apache.avro.Schema;

import java.util.List;

/**
 * Derives TPC-H table schemas from {@code io.trino.tpch} column metadata. Every TPC-H column is NOT NULL.
 */
final class TpchSchemas
{
    // The library exposes the specification's DECIMAL columns (prices, discount, tax, quantity, balances,
    // costs) as DOUBLE; dss.ddl of the TPC-H kit declares all of them DECIMAL(15,2).
    static final int DECIMAL_PRECISION = 15;
    static final int DECIMAL_SCALE = 2;

    private TpchSchemas() {}

    static Schema schema(TpchTable<?> table)
    {
        List<Schema.Field> fields = table.getColumns().stream()
                .map(TpchSchemas::field)
                .toList();
        return Schema.createRecord(table.getTableName(), null, TableSchemas.namespace(Benchmark.TPCH), false, fields);
    }

    private static Schema.Field field(TpchColumn<?> column)
    {
        TpchColumnType type = column.getType();
        return switch (type.getBase()) {
            case IDENTIFIER -> AvroColumns.field(column.getColumnName(), AvroColumns.bigint(), "bigint", false);
            case INTEGER -> AvroColumns.field(column.getColumnName(), AvroColumns.integer(), "integer", false);
            case DATE -> AvroColumns.field(column.getColumnName(), AvroColumns.date(), "date", false);
            case DOUBLE -> AvroColumns.field(column.getColumnName(), AvroColumns.decimal(DECIMAL_PRECISION, DECIMAL_SCALE),
                    "decimal(%d,%d)".formatted(DECIMAL_PRECISION, DECIMAL_SCALE), false);
            case VARCHAR -> AvroColumns.field(column.getColumnName(), AvroColumns.string(),
                    type.getPrecision().map(length -> "varchar(" + length + ")").orElse("varchar"), false);
        };
    }
}
