package io.sluice.schema.row;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Turns one row as a generator library produces it into a record of the table's schema, with values as
 * described in {@link RowModel}.
 *
 * @param <R> the generator's row type
 */
public interface RowConverter<R>
{
    Schema schema();

    GenericData.Record convert(R row);
}
