package io.sluice.generator.settings;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed values from environment variables; a value that does not parse fails naming the variable.
 */
record EnvironmentReader(Map<String, String> environment)
{
    <T> Optional<T> get(String name, Function<String, T> parser)
    {
        Optional<String> text = Optional.ofNullable(environment.get(name)).map(String::trim).filter(value -> !value.isEmpty());
        try {
            return text.map(parser);
        }
        catch (IllegalArgumentException e) {
            String reason = e instanceof NumberFormatException ? "not a whole number" : e.getMessage();
            throw new IllegalArgumentException("%s='%s' is invalid: %s".formatted(name, text.orElseThrow(), reason), e);
        }
    }
}
