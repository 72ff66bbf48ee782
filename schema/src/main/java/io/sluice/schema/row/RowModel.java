package io.sluice.schema.row;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/**
 * The Avro data model of table rows: values are Java types, not Avro's raw encodings.
 *
 * <table>
 *   <tr><th>Avro type</th><th>Java value</th></tr>
 *   <tr><td>long / int</td><td>{@code Long} / {@code Integer}</td></tr>
 *   <tr><td>bytes with logical type decimal(p,s)</td><td>{@code BigDecimal} with scale s</td></tr>
 *   <tr><td>int with logical type date</td><td>{@code LocalDate}</td></tr>
 *   <tr><td>int with logical type time-millis</td><td>{@code LocalTime}</td></tr>
 *   <tr><td>string</td><td>{@code String}</td></tr>
 * </table>
 *
 * Writers of rows (e.g. a Parquet writer) must use this model too.
 */
public final class RowModel
{
    private RowModel() {}

    /**
     * A new model; {@link GenericData} is mutable, so each user gets its own.
     */
    public static GenericData create()
    {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        return model;
    }
}
