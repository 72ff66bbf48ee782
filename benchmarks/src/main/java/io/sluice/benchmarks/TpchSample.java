package io.sluice.benchmarks;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.row.RowCodec;
import io.sluice.schema.row.TpchRowConverter;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The first rows of a TPC-H table at scale factor 1, the input the benchmarks prepare before measuring. Scale
 * factor 1 rather than a tiny one, so keys and dates have the widths of a real run.
 */
public final class TpchSample
{
    private static final double SCALE_FACTOR = 1;

    private TpchSample() {}

    /**
     * @throws IllegalArgumentException if the table has fewer rows at scale factor 1
     */
    public static <E extends TpchEntity> List<E> rows(TpchTable<E> table, int count)
    {
        requireNonNull(table, "table is null");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count);
        }
        List<E> rows = new ArrayList<>(count);
        Iterator<E> generator = table.createGenerator(SCALE_FACTOR, 1, 1).iterator();
        while (rows.size() < count && generator.hasNext()) {
            rows.add(generator.next());
        }
        if (rows.size() < count) {
            throw new IllegalArgumentException("%s has %d rows at scale factor %s, fewer than the %d asked for".formatted(table.getTableName(), rows.size(), SCALE_FACTOR, count));
        }
        return List.copyOf(rows);
    }

    /**
     * The rows as single-object messages; each payload is byte for byte what the generator's encoders put in its row blocks.
     */
    public static List<byte[]> messages(TpchTable<?> table, int count)
    {
        return encode(table, count);
    }

    private static <E extends TpchEntity> List<byte[]> encode(TpchTable<E> table, int count)
    {
        TpchRowConverter<E> converter = TpchRowConverter.of(table);
        RowCodec codec = RowCodec.forTable(Benchmark.TPCH, table.getTableName());
        return rows(table, count).stream()
                .map(row -> codec.encode(converter.convert(row)))
                .toList();
    }
}
