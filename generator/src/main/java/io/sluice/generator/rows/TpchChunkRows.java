package io.sluice.generator.rows;

import io.sluice.generator.plan.ChunkPlan;
import io.sluice.schema.checksum.ChunkChecksum;
import io.sluice.schema.row.TpchRowConverter;
import io.trino.tpch.LineItem;
import io.trino.tpch.PartSupplier;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.apache.avro.generic.GenericData;

import java.nio.ByteBuffer;
import java.util.function.ToLongFunction;

/**
 * A TPC-H chunk from {@code io.trino.tpch}'s generator for (part, parts). Units are rows, except for
 * lineitem (an order's lines share its order key) and partsupp (a part's four suppliers share its part key).
 */
final class TpchChunkRows<E extends TpchEntity>
        extends LibraryChunkRows<E>
{
    private final TpchRowConverter<E> converter;
    private final TpchRowEncoder<E> encoder;
    private final ToLongFunction<E> unitKey;
    private long unitIndex = -1;
    private long lastUnitKey;

    private TpchChunkRows(ChunkPlan chunk, TpchTable<E> table, ToLongFunction<E> unitKey)
    {
        super(chunk, table.createGenerator(chunk.dataset().scaleFactor().toDouble(), chunk.part(), chunk.parts()).iterator());
        this.converter = TpchRowConverter.of(table);
        this.encoder = new TpchRowEncoder<>(table);
        this.unitKey = unitKey;
    }

    @SuppressWarnings("unchecked")
    static ChunkRows of(ChunkPlan chunk)
    {
        TpchTable<?> table = TpchTable.getTable(chunk.table());
        if (table == TpchTable.LINE_ITEM) {
            return new TpchChunkRows<>(chunk, (TpchTable<LineItem>) table, LineItem::orderKey);
        }
        if (table == TpchTable.PART_SUPPLIER) {
            return new TpchChunkRows<>(chunk, (TpchTable<PartSupplier>) table, PartSupplier::partKey);
        }
        return new TpchChunkRows<>(chunk, (TpchTable<TpchEntity>) table, TpchEntity::rowNumber);
    }

    @Override
    long unitIndex(E row)
    {
        long key = unitKey.applyAsLong(row);
        if (unitIndex < 0 || key != lastUnitKey) {
            unitIndex++;
            lastUnitKey = key;
        }
        return unitIndex;
    }

    @Override
    public GenericData.Record record()
    {
        return converter.convert(current());
    }

    @Override
    public ByteBuffer encode(ChunkChecksum checksum)
    {
        return encoder.encode(current(), checksum);
    }
}
