package io.sluice.schema.table;

import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

import java.util.List;

/**
 * The Avro column types table schemas are made of, each tagged with the SQL type it stands for.
 */
final class AvroColumns
{
    private AvroColumns() {}

    static Schema bigint()
    {
        return Schema.create(Schema.Type.LONG);
    }

    static Schema integer()
    {
        return Schema.create(Schema.Type.INT);
    }

    static Schema date()
    {
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
    }

    static Schema timeMillis()
    {
        return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
    }

    // Variable-length bytes rather than fixed: the minimal two's complement of a money value is 2-4 bytes
    // where fixed would always take the full width.
    static Schema decimal(int precision, int scale)
    {
        return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
    }

    // Decoded as java.lang.String rather than Avro's Utf8, so rows read back equal rows generated.
    static Schema string()
    {
        Schema schema = Schema.create(Schema.Type.STRING);
        GenericData.setStringType(schema, GenericData.StringType.String);
        return schema;
    }

    static Schema.Field field(String name, Schema type, String sqlType, boolean nullable)
    {
        Schema.Field field = nullable
                ? new Schema.Field(name, Schema.createUnion(List.of(Schema.create(Schema.Type.NULL), type)), null, JsonProperties.NULL_VALUE)
                : new Schema.Field(name, type);
        field.addProp(TableSchemas.SQL_TYPE_PROPERTY, sqlType);
        return field;
    }
}
