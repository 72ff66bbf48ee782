package io.sluice.queryrunner.validate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Date;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A query result in canonical form: each cell is {@code null}, a {@link BigDecimal} (every numeric type) or
 * a {@link String} (text without trailing blanks, dates as ISO {@code yyyy-mm-dd}), so results of different
 * engines and drivers compare cell by cell.
 */
public record ResultRows(List<List<Object>> rows)
{
    public ResultRows
    {
        rows = rows.stream().map(row -> Collections.unmodifiableList(new ArrayList<>(row))).toList();
    }

    public int size()
    {
        return rows.size();
    }

    /**
     * The canonical form of a value a JDBC driver returned.
     */
    public static Object canonical(Object value)
    {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal;
            case Double number -> number.isNaN() || number.isInfinite() ? number.toString() : BigDecimal.valueOf(number);
            case Float number -> number.isNaN() || number.isInfinite() ? number.toString() : new BigDecimal(number.toString());
            case BigInteger number -> new BigDecimal(number);
            case Long number -> BigDecimal.valueOf(number);
            case Integer number -> BigDecimal.valueOf(number);
            case Short number -> BigDecimal.valueOf(number);
            case Byte number -> BigDecimal.valueOf(number);
            case Date date -> date.toLocalDate().toString();
            case TemporalAccessor temporal -> temporal.toString();
            case byte[] bytes -> Arrays.toString(bytes);
            default -> value.toString().stripTrailing();
        };
    }

    /**
     * A cell written as text (a reference answer file): {@code null}, a number, or text as it is.
     */
    public static Object parse(String text)
    {
        requireNonNull(text, "text is null");
        if (text.equals("null")) {
            return null;
        }
        if (text.matches("-?\\d+(\\.\\d+)?")) {
            return new BigDecimal(text);
        }
        return text.stripTrailing();
    }
}
