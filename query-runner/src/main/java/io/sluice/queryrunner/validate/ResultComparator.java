package io.sluice.queryrunner.validate;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Compares a result with its expected answer.
 *
 * <p>Numbers agree when they differ by at most a unit in the last place, as written, of the less precise of the two
 * (reference answers print {@code avg} rounded to cents while ClickHouse returns a {@code Float64}, Trino a
 * {@code decimal(…,2)}; and ClickHouse truncates the last digit of a decimal quotient where Trino and Spark
 * round it), plus {@code 1e-9} of their magnitude for floating-point summation order. Two whole numbers (counts,
 * sums of integers) get half a unit, so they must be equal; a whole number against a fraction is held to the
 * fraction's places. Text and
 * dates must be equal (trailing blanks of {@code char} columns aside), nulls must be nulls. Rows are compared
 * in order first; if that fails, as a multiset, because TPC-H orders several queries by keys with ties
 * (engines may return tied rows in any order). The row count must match exactly.
 */
public final class ResultComparator
{
    private static final BigDecimal RELATIVE = new BigDecimal("1e-9");
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private ResultComparator() {}

    /**
     * Empty when {@code actual} matches {@code expected}, otherwise the first difference in one line.
     */
    public static Optional<String> mismatch(ExpectedAnswer expected, ResultRows actual)
    {
        List<List<Object>> want = expected.rows().rows();
        List<List<Object>> got = actual.rows();
        if (want.size() != got.size()) {
            return Optional.of("expected %d rows (%s), got %d".formatted(want.size(), expected.source(), got.size()));
        }
        Optional<String> ordered = Optional.empty();
        for (int i = 0; i < want.size() && ordered.isEmpty(); i++) {
            int row = i;
            ordered = rowMismatch(want.get(i), got.get(i)).map(reason -> "row %d: %s (%s)".formatted(row + 1, reason, expected.source()));
        }
        if (ordered.isEmpty() || sameMultiset(want, got)) {
            return Optional.empty();
        }
        return ordered;
    }

    private static boolean sameMultiset(List<List<Object>> want, List<List<Object>> got)
    {
        List<List<Object>> unmatched = new LinkedList<>(got);
        for (List<Object> row : want) {
            if (!unmatched.removeIf(new FirstMatch(row))) {
                return false;
            }
        }
        return unmatched.isEmpty();
    }

    /**
     * Removes only the first row equal within tolerance, so duplicates count.
     */
    private static final class FirstMatch
            implements java.util.function.Predicate<List<Object>>
    {
        private final List<Object> row;
        private boolean found;

        FirstMatch(List<Object> row)
        {
            this.row = row;
        }

        @Override
        public boolean test(List<Object> candidate)
        {
            if (!found && rowMismatch(row, candidate).isEmpty()) {
                found = true;
                return true;
            }
            return false;
        }
    }

    static Optional<String> rowMismatch(List<Object> expected, List<Object> actual)
    {
        if (expected.size() != actual.size()) {
            return Optional.of("expected %d columns, got %d: expected %s, got %s".formatted(expected.size(), actual.size(), expected, actual));
        }
        List<String> differences = new ArrayList<>();
        for (int column = 0; column < expected.size(); column++) {
            if (!cellsAgree(expected.get(column), actual.get(column))) {
                differences.add("column %d expected %s, got %s".formatted(column + 1, expected.get(column), actual.get(column)));
            }
        }
        return differences.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", differences));
    }

    static boolean cellsAgree(Object expected, Object actual)
    {
        if (expected instanceof BigDecimal want && actual instanceof BigDecimal got) {
            return numbersAgree(want, got);
        }
        if (expected instanceof BigDecimal || actual instanceof BigDecimal) {
            // a reference file cannot tell the text "13" (a country code) from the number 13
            return Objects.equals(plain(expected), plain(actual));
        }
        return Objects.equals(expected, actual);
    }

    static boolean numbersAgree(BigDecimal expected, BigDecimal actual)
    {
        int scale = Math.min(fractionalScale(expected), fractionalScale(actual));
        BigDecimal tolerance;
        if (scale != Integer.MAX_VALUE) {
            tolerance = BigDecimal.ONE.movePointLeft(scale);
        }
        else if (expected.signum() == 0 && actual.signum() == 0) {
            return true;
        }
        else {
            // whole numbers on both sides; a whole number against a fraction is held to the fraction's places, or
            // an integer division (1 for 1.40) would pass within half a unit
            tolerance = HALF;
        }
        tolerance = tolerance.add(RELATIVE.multiply(expected.abs().max(actual.abs()), MathContext.DECIMAL64));
        return expected.subtract(actual).abs().compareTo(tolerance) <= 0;
    }

    /**
     * The places after the point a number is written with, or {@link Integer#MAX_VALUE} when it says nothing about
     * them: a whole number, or a zero (0 and 0.00 are the same answer, the other number's places decide). Trailing
     * zeros count otherwise, as 100.00 is a sum to the cent, not a number near 100.
     */
    private static int fractionalScale(BigDecimal value)
    {
        return value.signum() == 0 || value.scale() <= 0 ? Integer.MAX_VALUE : value.scale();
    }

    private static Object plain(Object value)
    {
        return value instanceof BigDecimal number ? number.stripTrailingZeros().toPlainString() : value;
    }
}
