package io.sluice.schema.dataset;

import static java.util.Objects.requireNonNull;

/**
 * A generated data set: one benchmark at one scale factor, written {@code <benchmark>.sf<N>}
 * ({@code tpch.sf1}, {@code tpch.sf0_01}). The same id names its row topics and, with {@code _} for
 * {@code .}, its ClickHouse database ({@code tpch_sf0_01}).
 */
public record DatasetId(Benchmark benchmark, ScaleFactor scaleFactor)
{
    public DatasetId
    {
        requireNonNull(benchmark, "benchmark is null");
        benchmark.checkScaleFactor(scaleFactor);
    }

    /**
     * Parses {@code tpch.sf1} or {@code tpcds.sf100}.
     */
    public static DatasetId parse(String text)
    {
        requireNonNull(text, "dataset id is null");
        int dot = text.indexOf('.');
        if (dot < 0 || !text.startsWith("sf", dot + 1)) {
            throw new IllegalArgumentException("dataset id '%s' is not of the form <benchmark>.sf<N>, e.g. tpch.sf1 or tpch.sf0_01".formatted(text));
        }
        return new DatasetId(Benchmark.fromId(text.substring(0, dot)), ScaleFactor.parse(text.substring(dot + 1)));
    }

    /**
     * The ClickHouse database (and other SQL schema) name: {@code tpch_sf0_01}.
     */
    public String databaseName()
    {
        return benchmark.id() + "_" + scaleFactor.token();
    }

    @Override
    public String toString()
    {
        return benchmark.id() + "." + scaleFactor.token();
    }
}
