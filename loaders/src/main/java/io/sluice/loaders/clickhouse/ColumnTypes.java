package io.sluice.loaders.clickhouse;

import io.sluice.schema.table.TableSchemas;
import org.apache.avro.Schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ClickHouse type of a table column, from the {@value TableSchemas#SQL_TYPE_PROPERTY} of its Avro field.
 * Each type is one ClickHouse's Avro input reads the field's encoding into exactly: {@code long} into Int64,
 * {@code int} into Int32, {@code int}/date into Date32, {@code bytes}/decimal into Decimal, {@code string}
 * into String. Date32 rather than Date because TPC-DS has dates before 1970 (Date starts there).
 */
final class ColumnTypes
{
    private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");

    private ColumnTypes() {}

    static String of(Schema.Field field, boolean lowCardinality)
    {
        String sqlType = field.getProp(TableSchemas.SQL_TYPE_PROPERTY);
        if (sqlType == null) {
            throw new IllegalArgumentException("column %s has no %s property; table schemas come from TableSchemas".formatted(field.name(), TableSchemas.SQL_TYPE_PROPERTY));
        }
        String base = base(field.name(), sqlType);
        boolean text = base.equals("String");
        if (lowCardinality && !text) {
            throw new IllegalArgumentException("column %s is %s; only text columns can be LowCardinality".formatted(field.name(), sqlType));
        }
        String type = field.schema().isNullable() ? "Nullable(" + base + ")" : base;
        return lowCardinality ? "LowCardinality(" + type + ")" : type;
    }

    private static String base(String column, String sqlType)
    {
        Matcher decimal = DECIMAL.matcher(sqlType);
        if (decimal.matches()) {
            return "Decimal(%s, %s)".formatted(decimal.group(1), decimal.group(2));
        }
        if (sqlType.startsWith("varchar") || sqlType.startsWith("char")) {
            // ClickHouse has no bounded or padded text; the generators never exceed the declared length
            return "String";
        }
        return switch (sqlType) {
            case "bigint" -> "Int64";
            case "integer" -> "Int32";
            case "date" -> "Date32";
            default -> throw new IllegalArgumentException("column %s has SQL type %s, which the ClickHouse loader does not map".formatted(column, sqlType));
        };
    }
}
