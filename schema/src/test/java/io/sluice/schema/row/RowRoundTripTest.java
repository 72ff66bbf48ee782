package io.sluice.schema.row;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.table.TableSchemas;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowRoundTripTest
{
    private static final int ROWS = 500;

    static Stream<String> tpchTables()
    {
        return Benchmark.TPCH.tables().stream();
    }

    static Stream<String> tpcdsTables()
    {
        return Benchmark.TPCDS.tables().stream();
    }

    @ParameterizedTest
    @MethodSource("tpchTables")
    void tpchRowsRoundTripAndKeepLibraryValues(String tableName)
    {
        roundTripTpch(TpchTable.getTable(tableName));
    }

    private static <E extends TpchEntity> void roundTripTpch(TpchTable<E> table)
    {
        TpchRowConverter<E> converter = TpchRowConverter.of(table);
        RowCodec codec = RowCodec.forTable(Benchmark.TPCH, table.getTableName());
        List<E> rows = GeneratedRows.tpch(table, ROWS);
        assertThat(rows).isNotEmpty();
        for (E row : rows) {
            GenericData.Record record = converter.convert(row);
            GenericRecord decoded = codec.decode(codec.encode(record));
            assertThat(GeneratedRows.values(decoded)).isEqualTo(GeneratedRows.values(record));
            for (TpchColumn<E> column : table.getColumns()) {
                Object value = decoded.get(column.getColumnName());
                switch (column.getType().getBase()) {
                    case IDENTIFIER -> assertThat(value).isEqualTo(column.getIdentifier(row));
                    case INTEGER -> assertThat(value).isEqualTo(column.getInteger(row));
                    case DATE -> assertThat(value).isEqualTo(LocalDate.ofEpochDay(column.getDate(row)));
                    case DOUBLE -> assertThat(((BigDecimal) value).doubleValue()).as(column.getColumnName()).isEqualTo(column.getDouble(row));
                    case VARCHAR -> assertThat(value).isEqualTo(column.getString(row));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("tpcdsTables")
    void tpcdsRowsRoundTripAndKeepLibraryValues(String tableName)
    {
        TpcdsRowConverter converter = TpcdsRowConverter.of(tableName);
        RowCodec codec = RowCodec.forTable(Benchmark.TPCDS, tableName);
        List<List<String>> rows = GeneratedRows.tpcds(io.trino.tpcds.Table.getTable(tableName), ROWS);
        assertThat(rows).isNotEmpty();
        for (List<String> row : rows) {
            GenericData.Record record = converter.convert(row);
            GenericRecord decoded = codec.decode(codec.encode(record));
            assertThat(GeneratedRows.values(decoded)).isEqualTo(GeneratedRows.values(record));
            for (Schema.Field field : decoded.getSchema().getFields()) {
                Object value = decoded.get(field.pos());
                String generated = row.get(field.pos());
                if (value instanceof BigDecimal decimal) {
                    // The library prints some decimals without their scale ("-5" for decimal(5,2)): compare values.
                    assertThat(decimal).as(field.name()).isEqualByComparingTo(generated);
                }
                else {
                    assertThat(value == null ? null : value.toString()).as(field.name()).isEqualTo(generated);
                }
            }
        }
    }

    @Test
    void tpchMoneyKeepsCentsExactly()
    {
        GenericData.Record record = TpchRowConverter.of(TpchTable.LINE_ITEM).convert(GeneratedRows.tpch(TpchTable.LINE_ITEM, 1).getFirst());
        BigDecimal price = (BigDecimal) record.get("l_extendedprice");
        assertThat(price.scale()).isEqualTo(2);
        assertThat(price.precision()).isLessThanOrEqualTo(15);
    }

    @Test
    void tpcdsRejectsNullPrimaryKeyAndBadValues()
    {
        TpcdsRowConverter converter = TpcdsRowConverter.of("income_band");
        assertThatThrownBy(() -> converter.convert(java.util.Arrays.asList(null, "0", "10000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("income_band.ib_income_band_sk is a primary key column but the row has NULL");
        assertThatThrownBy(() -> converter.convert(List.of("1", "zero", "10000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("income_band.ib_lower_bound value 'zero' is not a valid integer");
        assertThatThrownBy(() -> converter.convert(List.of("1", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("income_band row has 2 values, expected 3");
        assertThatThrownBy(() -> TpcdsRowConverter.of("store_sales").convert(storeSalesWithPrice("1.234")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ss_wholesale_cost value '1.234' is not a valid decimal(7,2)");
    }

    @Test
    void everyTpchTypeIsCovered()
    {
        assertThat(Benchmark.TPCH.tables().stream()
                .flatMap(name -> TpchTable.getTable(name).getColumns().stream())
                .map(column -> column.getType().getBase())
                .distinct())
                .containsExactlyInAnyOrder(TpchColumnType.Base.values());
        assertThat(TableSchemas.tables(Benchmark.TPCH)).hasSize(8);
    }

    private static List<String> storeSalesWithPrice(String wholesaleCost)
    {
        List<String> row = new ArrayList<>(GeneratedRows.tpcds(io.trino.tpcds.Table.STORE_SALES, 1).getFirst());
        row.set(11, wholesaleCost);
        return row;
    }
}
