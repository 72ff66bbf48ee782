package io.sluice.schema.dataset;

import io.trino.tpch.TpchTable;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The benchmarks Sluice generates, with their table names and the scale factors each accepts.
 */
public enum Benchmark
{
    TPCH("tpch") {
        @Override
        public List<String> tables()
        {
            return TPCH_TABLES;
        }

        @Override
        public boolean accepts(ScaleFactor scaleFactor)
        {
            BigDecimal value = scaleFactor.value();
            return value.compareTo(TPCH_MIN) >= 0 && value.compareTo(MAX) <= 0;
        }

        @Override
        public String allowedScaleFactors()
        {
            return "any value from 0.01 to 10000, e.g. 0.01, 0.1, 1, 10, 100";
        }
    },
    TPCDS("tpcds") {
        @Override
        public List<String> tables()
        {
            return TPCDS_TABLES;
        }

        @Override
        public boolean accepts(ScaleFactor scaleFactor)
        {
            return TPCDS_SCALES.stream().anyMatch(allowed -> allowed.equals(scaleFactor));
        }

        @Override
        public String allowedScaleFactors()
        {
            return String.join(", ", TPCDS_SCALES.stream().map(ScaleFactor::toString).toList());
        }
    };

    private static final BigDecimal TPCH_MIN = new BigDecimal("0.01");
    private static final BigDecimal MAX = new BigDecimal("10000");

    private static final List<String> TPCH_TABLES = TpchTable.getTables().stream()
            .map(TpchTable::getTableName)
            .toList();

    // dbgen_version describes the generator run, not the data set: it is not one of the 24 TPC-DS tables.
    private static final List<String> TPCDS_TABLES = io.trino.tpcds.Table.getBaseTables().stream()
            .filter(table -> table != io.trino.tpcds.Table.DBGEN_VERSION)
            .map(io.trino.tpcds.Table::getName)
            .toList();

    // The scale factors io.trino.tpcds defines row counts for (up to 10000), plus 0.01 ("tiny" in Trino).
    // Between defined scales the library interpolates inconsistently (sf30 has fewer items than sf10), so
    // only these are accepted.
    private static final List<ScaleFactor> TPCDS_SCALES = Stream.of("0.01", "1", "10", "100", "300", "1000", "3000", "10000")
            .map(ScaleFactor::parse)
            .toList();

    private final String id;

    Benchmark(String id)
    {
        this.id = id;
    }

    /**
     * The lowercase name used in dataset ids, topic names and schema namespaces, e.g. {@code tpch}.
     */
    public String id()
    {
        return id;
    }

    /**
     * The table names, lowercase as in the specification, in the generator library's order.
     */
    public abstract List<String> tables();

    public abstract boolean accepts(ScaleFactor scaleFactor);

    /**
     * A human-readable description of the accepted scale factors, used in error messages.
     */
    public abstract String allowedScaleFactors();

    public boolean hasTable(String table)
    {
        return tables().contains(requireNonNull(table, "table is null"));
    }

    /**
     * Returns {@code table} if this benchmark has it, or throws an exception naming the allowed tables.
     */
    public String checkTable(String table)
    {
        if (!hasTable(table)) {
            throw new IllegalArgumentException("%s has no table '%s'; tables are: %s".formatted(id, table, String.join(", ", tables())));
        }
        return table;
    }

    /**
     * Returns {@code scaleFactor} if this benchmark accepts it, or throws an exception naming the allowed values.
     */
    public ScaleFactor checkScaleFactor(ScaleFactor scaleFactor)
    {
        requireNonNull(scaleFactor, "scaleFactor is null");
        if (!accepts(scaleFactor)) {
            throw new IllegalArgumentException("%s does not support scale factor %s; allowed: %s".formatted(id, scaleFactor, allowedScaleFactors()));
        }
        return scaleFactor;
    }

    /**
     * Parses a benchmark id ({@code tpch}, {@code tpcds}), case-insensitively.
     */
    public static Benchmark fromId(String id)
    {
        requireNonNull(id, "benchmark id is null");
        String normalized = id.trim().toLowerCase(Locale.ROOT);
        for (Benchmark benchmark : values()) {
            if (benchmark.id.equals(normalized)) {
                return benchmark;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '%s'; use one of: tpch, tpcds".formatted(id));
    }
}
