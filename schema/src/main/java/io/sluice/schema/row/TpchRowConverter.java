package io.sluice.schema.row;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.table.TableSchemas;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Converts {@code io.trino.tpch} entities through the library's column getters. Money columns are read
 * exactly, as the library's integer hundredths ({@code getIdentifier} of a DOUBLE column), never through
 * the {@code double} value; dates are the library's days since 1970-01-01.
 */
public final class TpchRowConverter<E extends TpchEntity>
        implements RowConverter<E>
{
    private static final int MONEY_SCALE = 2;

    private final Schema schema;
    private final List<Function<E, Object>> readers;

    private TpchRowConverter(TpchTable<E> table)
    {
        this.schema = TableSchemas.schema(Benchmark.TPCH, table.getTableName());
        this.readers = table.getColumns().stream()
                .map(TpchRowConverter::reader)
                .toList();
    }

    public static <E extends TpchEntity> TpchRowConverter<E> of(TpchTable<E> table)
    {
        return new TpchRowConverter<>(requireNonNull(table, "table is null"));
    }

    @Override
    public Schema schema()
    {
        return schema;
    }

    @Override
    public GenericData.Record convert(E row)
    {
        requireNonNull(row, "row is null");
        GenericData.Record record = new GenericData.Record(schema);
        for (int i = 0; i < readers.size(); i++) {
            record.put(i, readers.get(i).apply(row));
        }
        return record;
    }

    private static <E extends TpchEntity> Function<E, Object> reader(TpchColumn<E> column)
    {
        return switch (column.getType().getBase()) {
            case IDENTIFIER -> column::getIdentifier;
            case INTEGER -> column::getInteger;
            case DATE -> row -> LocalDate.ofEpochDay(column.getDate(row));
            case DOUBLE -> row -> BigDecimal.valueOf(column.getIdentifier(row), MONEY_SCALE);
            case VARCHAR -> column::getString;
        };
    }
}
