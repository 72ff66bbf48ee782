package io.sluice.schema.table;

import io.sluice.schema.dataset.Benchmark;
import io.trino.tpch.TpchTable;
import org.apache.avro.Schema;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Avro schemas of every TPC-H and TPC-DS table, derived from the generator libraries' column metadata.
 * Records are named {@code io.sluice.<benchmark>.<table>} (e.g. {@code io.sluice.tpch.lineitem}); fields
 * carry the column names of the specification in column order, each with a {@value #SQL_TYPE_PROPERTY}
 * property giving its SQL type (e.g. {@code decimal(15,2)}, {@code char(16)}) for DDL.
 */
public final class TableSchemas
{
    public static final String SQL_TYPE_PROPERTY = "sql.type";

    private static final Map<Benchmark, Map<String, Schema>> SCHEMAS = derive();

    private TableSchemas() {}

    public static List<String> tables(Benchmark benchmark)
    {
        return requireNonNull(benchmark, "benchmark is null").tables();
    }

    /**
     * The schema of one table; throws {@link IllegalArgumentException} naming the allowed tables if the
     * benchmark has no such table.
     */
    public static Schema schema(Benchmark benchmark, String table)
    {
        requireNonNull(benchmark, "benchmark is null");
        return SCHEMAS.get(benchmark).get(benchmark.checkTable(table));
    }

    /**
     * The Avro namespace of a benchmark's table records: {@code io.sluice.tpch}.
     */
    public static String namespace(Benchmark benchmark)
    {
        return "io.sluice." + benchmark.id();
    }

    private static Map<Benchmark, Map<String, Schema>> derive()
    {
        Map<Benchmark, Map<String, Schema>> schemas = new EnumMap<>(Benchmark.class);
        schemas.put(Benchmark.TPCH, byName(Benchmark.TPCH, name -> TpchSchemas.schema(TpchTable.getTable(name))));
        schemas.put(Benchmark.TPCDS, byName(Benchmark.TPCDS, name -> TpcdsSchemas.schema(io.trino.tpcds.Table.getTable(name))));
        return Map.copyOf(schemas);
    }

    private static Map<String, Schema> byName(Benchmark benchmark, Function<String, Schema> derivation)
    {
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (String table : benchmark.tables()) {
            schemas.put(table, derivation.apply(table));
        }
        return Collections.unmodifiableMap(schemas);
    }
}
