package io.sluice.schema.row;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.table.TableSchemas;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Converts {@code io.trino.tpcds} rows, lists of column values as text with {@code null} for SQL NULL,
 * into typed records: decimals parsed exactly at the column's scale, dates and times in ISO form.
 */
public final class TpcdsRowConverter
        implements RowConverter<List<String>>
{
    private final Schema schema;
    private final List<Function<String, Object>> parsers;
    private final boolean[] nullable;

    private TpcdsRowConverter(Table table)
    {
        this.schema = TableSchemas.schema(Benchmark.TPCDS, table.getName());
        this.parsers = Arrays.stream(table.getColumns())
                .map(TpcdsRowConverter::parser)
                .toList();
        this.nullable = new boolean[parsers.size()];
        for (int i = 0; i < nullable.length; i++) {
            nullable[i] = schema.getFields().get(i).schema().isNullable();
        }
    }

    public static TpcdsRowConverter of(Table table)
    {
        requireNonNull(table, "table is null");
        return new TpcdsRowConverter(table);
    }

    /**
     * The converter of a table by its name, e.g. {@code store_sales}.
     */
    public static TpcdsRowConverter of(String table)
    {
        return of(Table.getTable(Benchmark.TPCDS.checkTable(table)));
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public GenericData.Record convert(List<String> row)
    {
        requireNonNull(row, "row is null");
        if (row.size() != parsers.size()) {
            throw new IllegalArgumentException("%s row has %d values, expected %d".formatted(schema.getName(), row.size(), parsers.size()));
        }
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < parsers.size(); i++) {
            String text = row.get(i);
            if (text == null) {
                if (!nullable[i]) {
                    throw new IllegalArgumentException("%s.%s is a primary key column but the row has NULL".formatted(schema.getName(), schema.getFields().get(i).name()));
                }
                continue;
            }
            try {
                record.put(i, parsers.get(i).apply(text));
            }
            catch (RuntimeException e) {
                throw new IllegalArgumentException("%s.%s value '%s' is not a valid %s: %s".formatted(
                        schema.getName(), schema.getFields().get(i).name(), text, schema.getFields().get(i).getProp(TableSchemas.SQL_TYPE_PROPERTY), e.getMessage()), e);
            }
        }
        return record;
    }

    private static Function<String, Object> parser(Column column)
    {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> Long::valueOf;
            case INTEGER -> Integer::valueOf;
            case DATE -> LocalDate::parse;
            case TIME -> LocalTime::parse;
            case DECIMAL -> {
                int scale = column.getType().getScale().orElseThrow();
                yield text -> new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY);
            }
            case CHAR, VARCHAR -> text -> text;
        };
    }
}
