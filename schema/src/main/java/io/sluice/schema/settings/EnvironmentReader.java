package io.sluice.schema.settings;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Reads typed settings from environment variables, the one way every Sluice service is configured (the Helm
 * chart sets them). Values are trimmed; an unset or blank variable is absent, so the caller's default applies.
 * A value that does not parse fails with a one-line error naming the variable and the value.
 */
public record EnvironmentReader(Map<String, String> environment)
{
    public EnvironmentReader
    {
        requireNonNull(environment, "environment is null");
    }

    /**
     * The trimmed value; empty when the variable is unset or blank.
     */
    public Optional<String> string(String name)
    {
        return Optional.ofNullable(environment.get(name)).map(String::trim).filter(text -> !text.isEmpty());
    }

    /**
     * The value as {@code parser} reads it. A parser's {@link IllegalArgumentException} becomes
     * {@code NAME='value' is invalid: <its message>} ({@code not a whole number} for a {@link NumberFormatException}).
     */
    public <T> Optional<T> get(String name, Function<String, T> parser)
    {
        Optional<String> text = string(name);
        try {
            return text.map(parser);
        }
        catch (IllegalArgumentException e) {
            String reason = e instanceof NumberFormatException ? "not a whole number" : e.getMessage();
            throw new IllegalArgumentException("%s='%s' is invalid: %s".formatted(name, text.orElseThrow(), reason), e);
        }
    }

    /**
     * A whole number; otherwise fails with {@code NAME 'value' is not a whole number}.
     */
    public Optional<Long> longValue(String name)
    {
        return string(name).map(text -> parseLong(name, text));
    }

    /**
     * A whole number that fits an {@code int}; otherwise fails with {@code NAME 'value' is out of range}.
     */
    public Optional<Integer> intValue(String name)
    {
        return longValue(name).map(value -> {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("%s '%d' is out of range: at most %d".formatted(name, value, Integer.MAX_VALUE));
            }
            return value.intValue();
        });
    }

    /**
     * A whole number of milliseconds.
     */
    public Optional<Duration> millis(String name)
    {
        return longValue(name).map(Duration::ofMillis);
    }

    /**
     * {@code true} or {@code false} in any case; otherwise fails with {@code NAME 'value' must be true or false}.
     */
    public Optional<Boolean> bool(String name)
    {
        return string(name).map(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("%s '%s' must be true or false".formatted(name, text));
        });
    }

    /**
     * A comma-separated list; entries are trimmed and blank ones dropped.
     */
    public Optional<List<String>> list(String name)
    {
        return string(name).map(EnvironmentReader::splitList);
    }

    /**
     * A comma-separated list of constants of {@code type} in any case; an unknown entry fails with
     * {@code NAME entry 'value' is not a <what>; use <the constants, lower case>}.
     */
    public <E extends Enum<E>> Optional<Set<E>> enumSet(String name, Class<E> type, String what)
    {
        return list(name).map(entries -> {
            EnumSet<E> constants = EnumSet.noneOf(type);
            for (String entry : entries) {
                try {
                    constants.add(Enum.valueOf(type, entry.toUpperCase(Locale.ROOT)));
                }
                catch (IllegalArgumentException _) {
                    String allowed = Arrays.stream(type.getEnumConstants())
                            .map(constant -> constant.name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
                    throw new IllegalArgumentException("%s entry '%s' is not a %s; use %s".formatted(name, entry, what, allowed));
                }
            }
            return constants;
        });
    }

    /**
     * The entries of a comma-separated list, trimmed, without empty ones: how every list setting is read, and
     * the options that stand in for one.
     */
    public static List<String> splitList(String text)
    {
        return Arrays.stream(text.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }

    private static long parseLong(String name, String text)
    {
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException _) {
            // the message says all of it; Java's "For input string" would only repeat it in its words
            throw new IllegalArgumentException("%s '%s' is not a whole number".formatted(name, text));
        }
    }
}
