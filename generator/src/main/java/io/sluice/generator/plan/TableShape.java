package io.sluice.generator.plan;

import io.sluice.schema.dataset.Benchmark;
import io.sluice.schema.dataset.ScaleFactor;
import io.trino.tpcds.Parallel;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpch.GenerateUtils;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How a table's generator advances: in <em>units</em> (TPC-H orders for lineitem, parts for partsupp, a
 * TPC-DS ticket or order for its sales and returns; one row for every other table), each yielding between
 * 0 and {@code maxRowsPerUnit} rows. Sub-chunks are ranges of units, so they are fixed before any row is
 * generated and bounded in rows. The unit counts per part are those of the generator libraries' own split.
 *
 * @param tpchScaleBase units at scale factor 1 for TPC-H tables that scale, empty for nation and region
 * @param fixedUnits units of a TPC-H table that does not scale (all in part 1)
 * @param averageRowsPerUnit for estimates only (partition counts, ETA)
 */
public record TableShape(Benchmark benchmark, String table, int tpchScaleBase, int fixedUnits, int maxRowsPerUnit, double averageRowsPerUnit)
{
    // TPC-H specification 4.2.5: rows per scale factor of the driving table.
    private static final Map<String, TableShape> TPCH = Map.of(
            "customer", tpch("customer", 150_000, 1, 1),
            "orders", tpch("orders", 1_500_000, 1, 1),
            "lineitem", tpch("lineitem", 1_500_000, 7, 4),
            "part", tpch("part", 200_000, 1, 1),
            "partsupp", tpch("partsupp", 200_000, 4, 4),
            "supplier", tpch("supplier", 10_000, 1, 1),
            "nation", new TableShape(Benchmark.TPCH, "nation", 0, 25, 1, 1),
            "region", new TableShape(Benchmark.TPCH, "region", 0, 5, 1, 1));

    // TPC-DS specification: 8-16 line items per store or web ticket, 4-14 per catalog order; returns are
    // generated with their sale, at most one per line item.
    private static final Map<String, Double> TPCDS_ROWS_PER_TICKET = Map.of(
            "store_sales", 12.0, "catalog_sales", 9.0, "web_sales", 12.0,
            "store_returns", 1.2, "catalog_returns", 0.9, "web_returns", 1.2);
    private static final int TPCDS_MAX_LINES_PER_TICKET = 16;

    public TableShape
    {
        requireNonNull(benchmark, "benchmark is null");
        benchmark.checkTable(table);
    }

    public static TableShape of(Benchmark benchmark, String table)
    {
        requireNonNull(benchmark, "benchmark is null");
        benchmark.checkTable(table);
        return switch (benchmark) {
            case TPCH -> TPCH.get(table);
            case TPCDS -> {
                Double perTicket = TPCDS_ROWS_PER_TICKET.get(table);
                yield perTicket == null
                        ? new TableShape(benchmark, table, 0, 0, 1, 1)
                        : new TableShape(benchmark, table, 0, 0, TPCDS_MAX_LINES_PER_TICKET, perTicket);
            }
        };
    }

    /**
     * Whether one unit may hold several rows (or none), so the row stream must tell where units begin.
     */
    public boolean multiRowUnits()
    {
        return maxRowsPerUnit > 1;
    }

    /**
     * The first unit (0-based, within the table) and the unit count of one part, as the library splits it.
     */
    public UnitRange unitsOf(ScaleFactor scaleFactor, int part, int parts)
    {
        return switch (benchmark) {
            case TPCH -> {
                if (tpchScaleBase == 0) {
                    yield part == 1 ? new UnitRange(0, fixedUnits) : new UnitRange(0, 0);
                }
                double sf = scaleFactor.toDouble();
                yield new UnitRange(
                        GenerateUtils.calculateStartIndex(tpchScaleBase, sf, part, parts),
                        GenerateUtils.calculateRowCount(tpchScaleBase, sf, part, parts));
            }
            case TPCDS -> {
                Parallel.ChunkBoundaries boundaries = Parallel.splitWork(Table.getTable(table), tpcdsSession(scaleFactor, part, parts));
                long count = Math.max(0, boundaries.getLastRow() - boundaries.getFirstRow() + 1);
                yield new UnitRange(count == 0 ? 0 : boundaries.getFirstRow() - 1, count);
            }
        };
    }

    /**
     * Estimated rows of the whole table, for partition counts and progress.
     */
    public long estimatedRows(ScaleFactor scaleFactor)
    {
        long units = unitsOf(scaleFactor, 1, 1).count();
        return Math.round(units * averageRowsPerUnit);
    }

    /**
     * Estimated rows of {@code tables} of {@code benchmark} together, for capacity and disk estimates.
     */
    public static long estimatedRows(Benchmark benchmark, Collection<String> tables, ScaleFactor scaleFactor)
    {
        return tables.stream().mapToLong(table -> of(benchmark, table).estimatedRows(scaleFactor)).sum();
    }

    /**
     * The TPC-DS session that generates one part.
     */
    public Session tpcdsSession(ScaleFactor scaleFactor, int part, int parts)
    {
        return Session.getDefaultSession()
                .withScale(scaleFactor.toDouble())
                .withTable(Table.getTable(table))
                .withParallelism(parts)
                .withChunkNumber(part);
    }

    /**
     * The TPC-DS column that numbers the unit (ticket or order) of each row, when units hold several rows.
     */
    public Optional<String> tpcdsUnitColumn()
    {
        if (benchmark != Benchmark.TPCDS || !multiRowUnits()) {
            return Optional.empty();
        }
        return Optional.of(switch (table) {
            case "store_sales" -> "ss_ticket_number";
            case "store_returns" -> "sr_ticket_number";
            case "catalog_sales" -> "cs_order_number";
            case "catalog_returns" -> "cr_order_number";
            case "web_sales" -> "ws_order_number";
            case "web_returns" -> "wr_order_number";
            default -> throw new IllegalStateException("no unit column known for " + table);
        });
    }

    private static TableShape tpch(String table, int scaleBase, int maxRowsPerUnit, double averageRowsPerUnit)
    {
        return new TableShape(Benchmark.TPCH, table, scaleBase, 0, maxRowsPerUnit, averageRowsPerUnit);
    }
}
