package io.sluice.loaders.clickhouse;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.DatasetId;
import io.sluice.schema.table.TableSchemas;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClickHouseDdlTest
{
    private static final DatasetId TPCH = DatasetId.parse("tpch.sf0_01");
    private static final DatasetId TPCDS = DatasetId.parse("tpcds.sf1");
    private final ClickHouseDdl ddl = new ClickHouseDdl("", ClickHouseEngine.MERGE_TREE, 1000);

    @Test
    void oneDatabasePerDatasetNamedAfterIt()
    {
        assertThat(ddl.database(TPCH)).isEqualTo("tpch_sf0_01");
        assertThat(ddl.createDatabase(TPCH)).isEqualTo("CREATE DATABASE IF NOT EXISTS `tpch_sf0_01`");
        assertThat(new ClickHouseDdl("bench_", ClickHouseEngine.MERGE_TREE, 10).database(TPCDS)).isEqualTo("bench_tpcds_sf1");
    }

    @Test
    void typesLineitemExactlyAndSortsByItsPrimaryKey()
    {
        String lineitem = ddl.createTable(TPCH, "lineitem");

        assertThat(lineitem)
                .startsWith("CREATE TABLE IF NOT EXISTS `tpch_sf0_01`.`lineitem`")
                .contains("`l_orderkey` Int64,", "`l_linenumber` Int32,", "`l_extendedprice` Decimal(15, 2),", "`l_shipdate` Date32,")
                .contains("`l_shipmode` LowCardinality(String),", "`l_comment` String")
                .contains("ENGINE = MergeTree()", "ORDER BY (`l_orderkey`, `l_linenumber`)", "SETTINGS non_replicated_deduplication_window = 1000")
                .doesNotContain("Nullable");
    }

    @Test
    void makesOnlyNullableColumnsNullable()
    {
        String storeSales = ddl.createTable(TPCDS, "store_sales");
        String demographics = ddl.createTable(TPCDS, "customer_demographics");

        assertThat(storeSales)
                .contains("`ss_item_sk` Int64,", "`ss_ticket_number` Int64,", "`ss_sold_date_sk` Nullable(Int64),", "`ss_net_paid` Nullable(Decimal(7, 2)),")
                .contains("ORDER BY (`ss_item_sk`, `ss_ticket_number`)");
        assertThat(demographics).contains("`cd_demo_sk` Int64,", "`cd_gender` LowCardinality(Nullable(String)),");
    }

    @Test
    void sortsEveryTableByNonNullColumnsItHas()
    {
        for (Benchmark benchmark : Benchmark.values()) {
            for (String table : benchmark.tables()) {
                Schema schema = TableSchemas.schema(benchmark, table);
                List<String> key = TableLayouts.sortKey(benchmark, schema);
                assertThat(key).as(table).isNotEmpty();
                key.forEach(column -> assertThat(schema.getField(column)).as(table + "." + column).isNotNull()
                        .satisfies(field -> assertThat(field.schema().isNullable()).isFalse()));
            }
        }
    }

    @Test
    void replicatedVariantKeepsItsLogInKeeper()
    {
        String region = new ClickHouseDdl("", ClickHouseEngine.REPLICATED_MERGE_TREE, 500).createTable(TPCH, "region");

        assertThat(region).contains("ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}')",
                "SETTINGS replicated_deduplication_window = 500");
    }

    @Test
    void refusesBadSettingsNamingThem()
    {
        assertThatThrownBy(() -> new ClickHouseDdl("Bench-", ClickHouseEngine.MERGE_TREE, 10)).hasMessageContaining("database prefix 'Bench-'");
        assertThatThrownBy(() -> new ClickHouseDdl("", ClickHouseEngine.MERGE_TREE, 0)).hasMessageContaining("deduplication window must be >= 1");
        assertThat(ClickHouseEngine.parse("replicated-merge-tree")).isEqualTo(ClickHouseEngine.REPLICATED_MERGE_TREE);
        assertThat(ClickHouseEngine.parse(" MergE_Tree")).isEqualTo(ClickHouseEngine.MERGE_TREE);
        assertThatThrownBy(() -> ClickHouseEngine.parse("log")).hasMessage("ClickHouse engine 'log' is not supported; use one of merge_tree, replicated_merge_tree");
    }
}
