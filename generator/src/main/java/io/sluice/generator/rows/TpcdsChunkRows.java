package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.row.TpcdsRowConverter;
import io.trino.tpcds.Results;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;

import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

import org.apache.avro.generic.GenericData;

/**
 * A TPC-DS chunk from {@code io.trino.tpcds} with the session's parallelism = parts and chunk number = part.
 * Sales and returns rows carry their unit (ticket or order number, which the library numbers like its row
 * counter), so a sub-chunk is exactly a ticket range even where tickets have no returns; every other table
 * has one row per unit.
 */
final class TpcdsChunkRows
        implements ChunkRows
{
    private final ChunkPlan chunk;
    private final Iterator<List<List<String>>> rows;
    private final TpcdsRowConverter converter;
    private final RowEncoder encoder;
    private final OptionalInt unitColumn;
    private List<String> current;
    private long rowIndex = -1;
    private int subChunk = 1;

    TpcdsChunkRows(ChunkPlan chunk)
    {
        this.chunk = chunk;
        Table table = Table.getTable(chunk.table());
        this.rows = Results.constructResults(table, chunk.shape().tpcdsSession(chunk.dataset().scaleFactor(), chunk.part(), chunk.parts())).iterator();
        this.converter = TpcdsRowConverter.of(table);
        this.encoder = new RowEncoder(converter.schema());
        this.unitColumn = chunk.shape().tpcdsUnitColumn()
                .map(name -> columnIndex(table, name))
                .orElse(OptionalInt.empty());
    }

    @Override
    public boolean next()
    {
        if (!rows.hasNext()) {
            current = null;
            return false;
        }
        // For a child table (returns) the library yields the child row first in each group.
        current = rows.next().getFirst();
        rowIndex++;
        long unitIndex = unitColumn.isPresent()
                ? Long.parseLong(current.get(unitColumn.getAsInt())) - 1 - chunk.units().first()
                : rowIndex;
        subChunk = chunk.subChunkOf(unitIndex);
        return true;
    }

    @Override
    public int subChunk()
    {
        return subChunk;
    }

    @Override
    public GenericData.Record record()
    {
        if (current == null) {
            throw new IllegalStateException("no current row; call next() first");
        }
        return converter.convert(current);
    }

    @Override
    public byte[] encode(ChunkChecksum checksum)
    {
        return encoder.encode(record(), checksum);
    }

    private static OptionalInt columnIndex(Table table, String name)
    {
        Column[] columns = table.getColumns();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i].getName().equals(name)) {
                return OptionalInt.of(i);
            }
        }
        throw new IllegalStateException("%s has no column %s".formatted(table.getName(), name));
    }
}
