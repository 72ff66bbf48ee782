package io.sluice.schema.row;

import io.trino.tpcds.Results;
import io.trino.tpcds.Session;
import io.trino.tpcds.Table;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.avro.generic.GenericRecord;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Real rows from the generator libraries at scale factor 0.01, for tests.
 */
public final class GeneratedRows
{
    private static final double SCALE = 0.01;

    private GeneratedRows() {}

    /**
     * The field values of a row, to compare rows: {@code GenericData.Record.equals} compares with a model
     * that has no logical type conversions and fails on decimal and date values in unions.
     */
    public static List<Object> values(GenericRecord row)
    {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.getSchema().getFields().size(); i++) {
            values.add(row.get(i));
        }
        return values;
    }

    public static <E extends TpchEntity> List<E> tpch(TpchTable<E> table, int limit)
    {
        List<E> rows = new ArrayList<>();
        Iterator<E> iterator = table.createGenerator(SCALE, 1, 1).iterator();
        while (iterator.hasNext() && rows.size() < limit) {
            rows.add(iterator.next());
        }
        return rows;
    }

    /**
     * The first rows of a TPC-DS table; for a child table (e.g. store_returns) the library generates the
     * parent and yields the child's rows first in each group.
     */
    public static List<List<String>> tpcds(Table table, int limit)
    {
        List<List<String>> rows = new ArrayList<>();
        Session session = Session.getDefaultSession().withScale(SCALE).withTable(table);
        Iterator<List<List<String>>> iterator = Results.constructResults(table, session).iterator();
        while (iterator.hasNext() && rows.size() < limit) {
            rows.add(iterator.next().getFirst());
        }
        return rows;
    }
}
