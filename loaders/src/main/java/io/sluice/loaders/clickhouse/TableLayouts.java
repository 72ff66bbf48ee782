package io.sluice.loaders.clickhouse;

import io.sluice.schema.dataset.Benchmark;
import org.apache.avro.Schema;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Avro table schemas do not say and the DDL needs: the sort key of each table and which text
 * columns hold few distinct values.
 */
final class TableLayouts
{
    // The TPC-H primary keys (specification 1.4). TPC-DS needs no list: its schemas make exactly the primary
    // key columns non-null.
    private static final Map<String, List<String>> TPCH_KEYS = Map.of(
            "lineitem", List.of("l_orderkey", "l_linenumber"),
            "orders", List.of("o_orderkey"),
            "customer", List.of("c_custkey"),
            "part", List.of("p_partkey"),
            "partsupp", List.of("ps_partkey", "ps_suppkey"),
            "supplier", List.of("s_suppkey"),
            "nation", List.of("n_nationkey"),
            "region", List.of("r_regionkey"));

    // Flags, codes and categories of the larger tables: a dictionary per part makes them smaller and their
    // filters and GROUP BYs faster. Free text, names and ids stay String.
    private static final Map<Benchmark, Set<String>> LOW_CARDINALITY = Map.of(
            Benchmark.TPCH, Set.of(
                    "l_returnflag", "l_linestatus", "l_shipinstruct", "l_shipmode",
                    "o_orderstatus", "o_orderpriority",
                    "c_mktsegment",
                    "p_mfgr", "p_brand", "p_type", "p_container"),
            Benchmark.TPCDS, Set.of(
                    "cd_gender", "cd_marital_status", "cd_education_status", "cd_credit_rating",
                    "hd_buy_potential",
                    "d_day_name", "d_quarter_name", "d_holiday", "d_weekend", "d_following_holiday",
                    "d_current_day", "d_current_week", "d_current_month", "d_current_quarter", "d_current_year",
                    "t_am_pm", "t_shift", "t_sub_shift", "t_meal_time",
                    "i_brand", "i_class", "i_category", "i_manufact", "i_size", "i_formulation", "i_color", "i_units", "i_container",
                    "c_salutation", "c_preferred_cust_flag", "c_birth_country",
                    "ca_street_type", "ca_city", "ca_county", "ca_state", "ca_country", "ca_location_type"));

    private TableLayouts() {}

    static List<String> sortKey(Benchmark benchmark, Schema table)
    {
        return switch (benchmark) {
            case TPCH -> TPCH_KEYS.get(table.getName());
            case TPCDS -> table.getFields().stream()
                    .filter(field -> !field.schema().isNullable())
                    .map(Schema.Field::name)
                    .toList();
        };
    }

    static boolean isLowCardinality(Benchmark benchmark, String column)
    {
        return LOW_CARDINALITY.get(benchmark).contains(column);
    }
}
