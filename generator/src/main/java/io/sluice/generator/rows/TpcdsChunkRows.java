package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.row.TpcdsRowConverter;
import io.trino.tpcds.Results;
import io.trino.tpcds.Table;
import io.trino.tpcds.column.Column;

import java.nio.ByteBuffer;
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
        extends LibraryChunkRows<List<List<String>>>
{
    private final TpcdsRowConverter converter;
    private final RowEncoder encoder;
    private final OptionalInt unitColumn;
    private final long firstUnit;
    private long rowIndex = -1;

    TpcdsChunkRows(ChunkPlan chunk)
    {
        this(chunk, Table.getTable(chunk.table()));
    }

    private TpcdsChunkRows(ChunkPlan chunk, Table table)
    {
        super(chunk, Results.constructResults(table, chunk.shape().tpcdsSession(chunk.dataset().scaleFactor(), chunk.part(), chunk.parts())).iterator());
        this.converter = TpcdsRowConverter.of(table);
        this.encoder = new RowEncoder(converter.schema());
        this.unitColumn = chunk.shape().tpcdsUnitColumn()
                .map(name -> columnIndex(table, name))
                .orElse(OptionalInt.empty());
        this.firstUnit = chunk.units().first();
    }

    @Override
    long unitIndex(List<List<String>> group)
    {
        rowIndex++;
        return unitColumn.isPresent()
                ? Long.parseLong(row(group).get(unitColumn.getAsInt())) - 1 - firstUnit
                : rowIndex;
    }

    @Override
    public GenericData.Record record()
    {
        return converter.convert(row(current()));
    }

    @Override
    public ByteBuffer encode(ChunkChecksum checksum)
    {
        return encoder.encode(record(), checksum);
    }

    private static List<String> row(List<List<String>> group)
    {
        // For a child table (returns) the library yields the child row first in each group.
        return group.getFirst();
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
