package io.sluice.schema.dataset;

import java.math.BigDecimal;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A positive, exact scale factor. Written as a plain decimal ({@code 0.01}, {@code 1}, {@code 100}) and as
 * a name token ({@code sf0_01}, {@code sf1}) where the decimal point becomes an underscore, so the token is
 * legal in Kafka topic names (where {@code .} separates components) and in ClickHouse database names.
 * Trailing zeros are insignificant: {@code 1.0}, {@code 1} and {@code sf1} are the same scale factor.
 */
public record ScaleFactor(BigDecimal value)
        implements Comparable<ScaleFactor>
{
    private static final String PREFIX = "sf";
    /**
     * Exactly the tokens {@link #token()} writes: no leading zeros, no trailing zeros after the point, greater than 0.
     * A name such as {@code tpch.sf1_0.lineitem} would parse as {@code tpch.sf1} and stand for another dataset's topic.
     */
    public static final String TOKEN_REGEX = "sf(?:0_[0-9]*[1-9]|[1-9][0-9]*(?:_[0-9]*[1-9])?)";

    public ScaleFactor
    {
        requireNonNull(value, "value is null");
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("scale factor must be greater than 0, got " + value.toPlainString()
                    + "; allowed: TPC-H " + Benchmark.TPCH.allowedScaleFactors() + "; TPC-DS " + Benchmark.TPCDS.allowedScaleFactors());
        }
        value = value.stripTrailingZeros();
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
    }

    /**
     * Parses {@code 1}, {@code 0.01}, {@code sf1} or {@code sf0_01}.
     */
    public static ScaleFactor parse(String text)
    {
        requireNonNull(text, "scale factor is null");
        String number = text.trim().toLowerCase(Locale.ROOT);
        if (number.startsWith(PREFIX)) {
            number = number.substring(PREFIX.length()).replace('_', '.');
        }
        if (number.isEmpty() || !number.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == '-')) {
            throw new IllegalArgumentException("scale factor '%s' is not a decimal number; write it like 1, 0.01 or sf0_01".formatted(text));
        }
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("scale factor '%s' is not a decimal number; write it like 1, 0.01 or sf0_01".formatted(text), e);
        }
        return new ScaleFactor(value);
    }

    public static ScaleFactor of(long value)
    {
        return new ScaleFactor(BigDecimal.valueOf(value));
    }

    /**
     * The value for the generator libraries, which take a {@code double}.
     */
    public double toDouble()
    {
        return value.doubleValue();
    }

    /**
     * The name token: {@code sf1}, {@code sf0_01}.
     */
    public String token()
    {
        return PREFIX + value.toPlainString().replace('.', '_');
    }

    @Override
    public int compareTo(ScaleFactor other)
    {
        return value.compareTo(other.value);
    }

    /**
     * The plain decimal: {@code 1}, {@code 0.01}.
     */
    @Override
    public String toString()
    {
        return value.toPlainString();
    }
}
