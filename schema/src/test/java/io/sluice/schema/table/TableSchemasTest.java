package io.sluice.schema.table;

import io.sluice.schema.dataset.Benchmark;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableSchemasTest
{
    @Test
    void coversEveryTable()
    {
        assertThat(TableSchemas.tables(Benchmark.TPCH))
                .containsExactlyInAnyOrder("customer", "orders", "lineitem", "part", "partsupp", "supplier", "nation", "region");
        assertThat(TableSchemas.tables(Benchmark.TPCDS))
                .hasSize(24)
                .contains("store_sales", "catalog_returns", "inventory", "date_dim", "web_site")
                .doesNotContain("dbgen_version");
    }

    @Test
    void namesRecordsByBenchmarkAndTable()
    {
        assertThat(TableSchemas.schema(Benchmark.TPCH, "lineitem").getFullName()).isEqualTo("io.sluice.tpch.lineitem");
        assertThat(TableSchemas.schema(Benchmark.TPCDS, "store_sales").getFullName()).isEqualTo("io.sluice.tpcds.store_sales");
    }

    @Test
    void tpchUsesPrefixedColumnNamesInLibraryOrder()
    {
        Schema lineitem = TableSchemas.schema(Benchmark.TPCH, "lineitem");
        assertThat(lineitem.getFields()).extracting(Schema.Field::name)
                .startsWith("l_orderkey", "l_partkey", "l_suppkey", "l_linenumber", "l_quantity", "l_extendedprice")
                .hasSize(16);
    }

    @Test
    void tpchMoneyIsDecimal15Of2()
    {
        Schema lineitem = TableSchemas.schema(Benchmark.TPCH, "lineitem");
        for (String money : new String[] {"l_extendedprice", "l_discount", "l_tax", "l_quantity"}) {
            Schema type = lineitem.getField(money).schema();
            assertThat(type.getType()).as(money).isEqualTo(Schema.Type.BYTES);
            assertThat(type.getLogicalType()).as(money).isEqualTo(LogicalTypes.decimal(15, 2));
        }
        assertThat(TableSchemas.schema(Benchmark.TPCH, "orders").getField("o_totalprice").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(15, 2));
        assertThat(TableSchemas.schema(Benchmark.TPCH, "customer").getField("c_acctbal").getProp(TableSchemas.SQL_TYPE_PROPERTY)).isEqualTo("decimal(15,2)");
    }

    @Test
    void tpchTypesAreFaithful()
    {
        Schema lineitem = TableSchemas.schema(Benchmark.TPCH, "lineitem");
        assertThat(lineitem.getField("l_shipdate").schema().getType()).isEqualTo(Schema.Type.INT);
        assertThat(lineitem.getField("l_shipdate").schema().getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(lineitem.getField("l_orderkey").schema().getType()).isEqualTo(Schema.Type.LONG);
        assertThat(lineitem.getField("l_linenumber").schema().getType()).isEqualTo(Schema.Type.INT);
        assertThat(lineitem.getField("l_comment").schema().getType()).isEqualTo(Schema.Type.STRING);
        assertThat(lineitem.getField("l_comment").getProp(TableSchemas.SQL_TYPE_PROPERTY)).isEqualTo("varchar(44)");
    }

    @Test
    void tpchColumnsAreNotNull()
    {
        for (String table : TableSchemas.tables(Benchmark.TPCH)) {
            assertThat(TableSchemas.schema(Benchmark.TPCH, table).getFields())
                    .as(table)
                    .noneMatch(field -> field.schema().isNullable());
        }
    }

    @Test
    void tpcdsTypesAreFaithful()
    {
        Schema storeSales = TableSchemas.schema(Benchmark.TPCDS, "store_sales");
        Schema ticket = storeSales.getField("ss_ticket_number").schema();
        assertThat(ticket.getType()).isEqualTo(Schema.Type.LONG);

        Schema price = storeSales.getField("ss_sales_price").schema();
        assertThat(price.isNullable()).isTrue();
        assertThat(price.getTypes()).extracting(Schema::getType).containsExactly(Schema.Type.NULL, Schema.Type.BYTES);
        LogicalType decimal = price.getTypes().get(1).getLogicalType();
        assertThat(decimal).isEqualTo(LogicalTypes.decimal(7, 2));

        Schema dateDim = TableSchemas.schema(Benchmark.TPCDS, "date_dim");
        assertThat(dateDim.getField("d_date").schema().getTypes().get(1).getLogicalType()).isEqualTo(LogicalTypes.date());
        assertThat(dateDim.getField("d_date_id").getProp(TableSchemas.SQL_TYPE_PROPERTY)).isEqualTo("char(16)");
        assertThat(dateDim.getField("d_year").schema().getTypes().get(1).getType()).isEqualTo(Schema.Type.INT);
    }

    @Test
    void tpcdsPrimaryKeysAreTheOnlyNotNullColumns()
    {
        assertThat(notNull("store_sales")).containsExactlyInAnyOrder("ss_item_sk", "ss_ticket_number");
        assertThat(notNull("catalog_returns")).containsExactlyInAnyOrder("cr_item_sk", "cr_order_number");
        assertThat(notNull("web_sales")).containsExactlyInAnyOrder("ws_item_sk", "ws_order_number");
        assertThat(notNull("inventory")).containsExactlyInAnyOrder("inv_date_sk", "inv_item_sk", "inv_warehouse_sk");
        assertThat(notNull("date_dim")).containsExactly("d_date_sk");
        assertThat(notNull("call_center")).containsExactly("cc_call_center_sk");
        for (String table : TableSchemas.tables(Benchmark.TPCDS)) {
            assertThat(notNull(table)).as(table).isNotEmpty().allMatch(column -> column.endsWith("_sk") || column.endsWith("_number"));
        }
    }

    @Test
    void unknownTableNamesTheAllowedTables()
    {
        assertThatThrownBy(() -> TableSchemas.schema(Benchmark.TPCDS, "lineitem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tpcds has no table 'lineitem'; tables are: call_center, catalog_page,");
    }

    private static Set<String> notNull(String table)
    {
        return TableSchemas.schema(Benchmark.TPCDS, table).getFields().stream()
                .filter(field -> !field.schema().isNullable())
                .map(Schema.Field::name)
                .collect(Collectors.toSet());
    }
}
